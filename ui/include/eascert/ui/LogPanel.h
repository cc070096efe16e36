#pragma once

#include <memory>

#include <QStringList>
#include <QWidget>

#include <spdlog/sinks/sink.h>

class QPlainTextEdit;

namespace eascert::ui {

// Core's log lines (spdlog), kept from the start (bounded) so the panel can show them whenever it
// is opened. The sink is thread-safe: lines arrive through a queued signal. Core never logs
// passwords or keys.
class LogBuffer : public QObject
{
    Q_OBJECT

public:
    explicit LogBuffer(QObject* parent = nullptr);
    std::shared_ptr<spdlog::sinks::sink> sink() const { return m_sink; }
    const QStringList& lines() const { return m_lines; }
    static constexpr int kMaxLines = 5000;

public slots:
    void append(const QString& line);

signals:
    void lineAdded(const QString& line);

private:
    QStringList m_lines;
    std::shared_ptr<spdlog::sinks::sink> m_sink;
};

// The log window any page can open (made on first use: a fast start builds nothing it does not show).
class LogPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LogPanel(const LogBuffer* buffer, QWidget* parent = nullptr);
    QString text() const;

private:
    QPlainTextEdit* m_text;
};

}  // namespace eascert::ui
