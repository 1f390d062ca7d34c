#pragma once

// The flags of reasonable doubt raised on the inspection on screen, as the
// officer who reopens it needs them: when and by whom, whether the shipment
// is held, the reasons, the notes and the images kept with the case.

#include "util/Result.h"

#include <QDateTime>
#include <QGroupBox>
#include <QStringList>

class QLabel;

namespace kp {
class DeskRecords;
class InspectionRows;
} // namespace kp

namespace kp::ui {

struct ShownFlag
{
    QDateTime at;
    QString by;
    bool held = false;
    QStringList reasons;
    QString notes;
    QStringList images; // the names of the files kept with the case
};

// The cases opened on one inspection (by its record id), oldest first.
Result<QList<ShownFlag>> flagsOfInspection(InspectionRows& rows, DeskRecords& door,
                                           const QString& inspectionUuid);

class FlagBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit FlagBox(QWidget* parent = nullptr);

    // None: the box hides.
    void setFlags(const QList<ShownFlag>& flags);
    QString text() const;

private:
    QLabel* m_text;
};

} // namespace kp::ui
