#pragma once

#include <memory>

#include <QWidget>

#include <spdlog/sinks/sink.h>

class QPlainTextEdit;

namespace eascert::ui {

// Core's log lines (spdlog) in a window any page can open. Core never logs passwords or keys.
class LogPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LogPanel(QWidget* parent = nullptr);
    // A sink for core's logger: thread-safe; lines arrive here through a queued signal.
    std::shared_ptr<spdlog::sinks::sink> sink();
    QString text() const;

public slots:
    void append(const QString& line);

private:
    QPlainTextEdit* m_text;
    std::shared_ptr<spdlog::sinks::sink> m_sink;
};

} // namespace eascert::ui
