#include "WindowHost.h"

#include "MainWindow.h"

#include "util/Translation.h"

namespace kp::ui {

WindowHost::WindowHost(CacheDatabase& db, const Clock& clock, const QString& officer)
    : m_db(db), m_clock(clock), m_officer(officer)
{
    build();
}

WindowHost::~WindowHost() = default;

void WindowHost::show()
{
    m_window->show();
}

void WindowHost::build()
{
    m_window = std::make_unique<MainWindow>(m_db, m_clock, m_officer);
    // Queued: the old window is destroyed from the event loop, not from
    // inside its own menu action.
    connect(m_window.get(), &MainWindow::languageChosen, this, &WindowHost::switchLanguage,
            Qt::QueuedConnection);
}

void WindowHost::switchLanguage(const QString& language)
{
    const auto shown = m_window->currentInspectionId();
    const bool visible = m_window->isVisible();
    m_window->close(); // saves its geometry and dock layout for the new one
    m_window.reset();
    Translation::install(language);
    build();
    if (visible)
        m_window->show();
    if (shown)
        m_window->openSaved(*shown);
    emit windowReplaced(m_window.get());
}

} // namespace kp::ui
