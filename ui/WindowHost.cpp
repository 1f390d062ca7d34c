#include "WindowHost.h"

#include <QGuiApplication>
#include <QLineEdit>
#include <QLocale>

#include "JoinedMnemonics.h"
#include "MainWindow.h"
#include "PhysicalCheckPanel.h"
#include "TodayList.h"

#include "util/Translation.h"

namespace kp::ui {

WindowHost::WindowHost(CacheDatabase& db, const Clock& clock) : m_db(db), m_clock(clock)
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
    m_window = std::make_unique<MainWindow>(m_db, m_clock);
    // Queued: the old window is destroyed from the event loop, not from
    // inside its own menu action.
    connect(m_window.get(), &MainWindow::languageChosen, this, &WindowHost::switchLanguage,
            Qt::QueuedConnection);
}

QString WindowHost::applyLanguage(const QString& language)
{
    const QString installed = Translation::install(language);
    // Numbers, sizes and dates the window formats follow the chosen language, not the machine's.
    QLocale::setDefault(QLocale(installed));
    QGuiApplication::setLayoutDirection(QLocale(installed).textDirection());
    JoinedMnemonics::install(); // Arabic: no underline that cuts a letter from its word
    return installed;
}

void WindowHost::switchLanguage(const QString& language)
{
    const auto shown = m_window->currentInspectionId();
    const auto session = m_window->session(); // the same person goes on, in the new language
    const bool locked = m_window->isLocked();
    const bool visible = m_window->isVisible();
    // What the officer has typed and not saved goes on too: the physical
    // check of the inspection on screen and the filter of today's list.
    const PhysicalCheck typed = m_window->physicalPanel()->check();
    const QString filter = m_window->todayList()->search()->text();
    m_window->close(); // saves its geometry and dock layout for the new one
    m_window.reset();
    applyLanguage(language);
    build();
    if (session)
        m_window->resumeSession(*session, locked);
    if (visible)
        m_window->show();
    if (shown && session) {
        m_window->openSaved(*shown);
        if (m_window->currentInspectionId() == shown)
            m_window->physicalPanel()->setCheck(typed);
    }
    m_window->todayList()->search()->setText(filter);
    emit windowReplaced(m_window.get());
}

} // namespace kp::ui
