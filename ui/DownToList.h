#pragma once

// Down in a one-line field goes on to the list below it (issue 21): from the
// certificate field or the list's search to today's inspections, its current
// row (the first when none) selected, so that Enter then opens it. The field
// keeps every other key.

#include <QObject>

class QAbstractItemView;
class QLineEdit;

namespace kp::ui {

class DownToList : public QObject
{
    Q_OBJECT

public:
    // Owned by the field.
    static void install(QLineEdit* field, QAbstractItemView* list);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    DownToList(QLineEdit* field, QAbstractItemView* list);
    QAbstractItemView* m_list;
};

} // namespace kp::ui
