#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace kp {
class CacheDatabase;
class Clock;
} // namespace kp

namespace kp::ui {

class MainWindow;

// Owns the desk's main window and builds it again when the officer picks
// another language, so every string (and the check reasons of a new scan)
// changes at once. The inspection on screen is reopened as it was saved.
class WindowHost : public QObject
{
    Q_OBJECT

public:
    WindowHost(CacheDatabase& db, const Clock& clock);
    ~WindowHost() override;

    MainWindow* window() const { return m_window.get(); }
    void show();

    // Installs the language's catalogues and mirrors the application for a
    // right-to-left language (Arabic). Returns the language installed.
    static QString applyLanguage(const QString& language);

signals:
    void windowReplaced(kp::ui::MainWindow* window);

private:
    void build();
    void switchLanguage(const QString& language);

    CacheDatabase& m_db;
    const Clock& m_clock;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace kp::ui
