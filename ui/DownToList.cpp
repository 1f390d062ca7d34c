#include "DownToList.h"

#include <QAbstractItemView>
#include <QKeyEvent>
#include <QLineEdit>

namespace kp::ui {

void DownToList::install(QLineEdit* field, QAbstractItemView* list)
{
    field->installEventFilter(new DownToList(field, list));
}

DownToList::DownToList(QLineEdit* field, QAbstractItemView* list) : QObject(field), m_list(list) {}

bool DownToList::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() != Qt::Key_Down || key->modifiers() != Qt::NoModifier || !m_list->model() ||
        m_list->model()->rowCount() == 0 || !m_list->isVisible())
        return QObject::eventFilter(watched, event);
    if (!m_list->currentIndex().isValid())
        m_list->setCurrentIndex(m_list->model()->index(0, 0));
    m_list->setFocus(Qt::TabFocusReason);
    return true;
}

} // namespace kp::ui
