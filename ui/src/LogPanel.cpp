#include "eascert/ui/LogPanel.h"

#include <mutex>

#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <spdlog/sinks/base_sink.h>

namespace eascert::ui {

namespace {

// Emits each formatted line as a signal: Qt queues it to the buffer's thread and drops it once the
// buffer is gone, so core may log from any worker thread.
class LogSignal : public QObject
{
    Q_OBJECT
signals:
    void line(const QString& text);
};

class QtSink : public spdlog::sinks::base_sink<std::mutex>
{
public:
    explicit QtSink(LogBuffer* buffer) : m_signal(std::make_unique<LogSignal>())
    {
        QObject::connect(m_signal.get(), &LogSignal::line, buffer, &LogBuffer::append, Qt::QueuedConnection);
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override
    {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        emit m_signal->line(QString::fromUtf8(formatted.data(), static_cast<qsizetype>(formatted.size())).trimmed());
    }
    void flush_() override {}

private:
    std::unique_ptr<LogSignal> m_signal;
};

}  // namespace

LogBuffer::LogBuffer(QObject* parent) : QObject(parent), m_sink(std::make_shared<QtSink>(this))
{
    m_sink->set_pattern("%H:%M:%S.%e %l %v");
}

void LogBuffer::append(const QString& line)
{
    m_lines.push_back(line);
    if (m_lines.size() > kMaxLines)
        m_lines.removeFirst();
    emit lineAdded(line);
}

LogPanel::LogPanel(const LogBuffer* buffer, QWidget* parent) : QWidget(parent, Qt::Window)
{
    setObjectName(QStringLiteral("logPanel"));
    setWindowTitle(tr("EAS Cert Doctor log"));
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(LogBuffer::kMaxLines);
    m_text->setAccessibleName(tr("Log"));
    m_text->setPlainText(buffer->lines().join(QLatin1Char('\n')));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    resize(720, 320);
    connect(buffer, &LogBuffer::lineAdded, m_text, &QPlainTextEdit::appendPlainText);
}

QString LogPanel::text() const
{
    return m_text->toPlainText();
}

}  // namespace eascert::ui

#include "LogPanel.moc"
