#pragma once

// One inspection as the officer sees it: the verdict banner, every check
// with its reason, the certificate's fields as signed, and the scanned image.
// It shows an inspection as it was saved, so a reopened inspection shows what
// was seen then, never a silent re-verification; and the flags raised on it.

#include "FlagBox.h"

#include "verify/Inspection.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QTreeWidget;

namespace kp::ui {

class ScannedImageView;
class VerdictBanner;

class InspectionView : public QWidget
{
    Q_OBJECT

public:
    explicit InspectionView(QWidget* parent = nullptr);

    // `finalVerdict` includes the physical check, whose mismatches are `extraReasons`.
    void showInspection(const Inspection& inspection, Verdict finalVerdict, const QStringList& extraReasons,
                        const QImage& image);
    // The flags raised on the inspection on screen (none hides the box).
    void showFlags(const QList<ShownFlag>& flags);
    void clear();
    // Nothing to show but why: the checks, fields and image are emptied.
    void showNotice(const QString& headline, const QString& reason);

    VerdictBanner* banner() const { return m_banner; }
    QTreeWidget* checks() const { return m_checks; }
    FlagBox* flagBox() const { return m_flags; }
    QString fieldText(const QString& key) const;

private:
    VerdictBanner* m_banner;
    QTreeWidget* m_checks;
    QWidget* m_fieldsBox;
    QFormLayout* m_fields;
    ScannedImageView* m_image;
    FlagBox* m_flags;
    // Every check in view: the table is as tall as its rows.
    void fitChecksToRows();
};

} // namespace kp::ui
