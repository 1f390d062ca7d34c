#pragma once

// One inspection as the officer sees it: the verdict banner, every check
// with its reason, the certificate's fields as signed, and the scanned image.
// It shows an inspection as it was saved, so a reopened inspection shows what
// was seen then, never a silent re-verification.

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

    void clear();
    // Nothing to show but why: the checks, fields and image are emptied.
    void showNotice(const QString& headline, const QString& reason);

    VerdictBanner* banner() const { return m_banner; }
    QTreeWidget* checks() const { return m_checks; }
    // Where Tab leaves the view for what comes after it (the physical check).
    QWidget* lastInTabOrder() const { return m_fieldsScroll; }
    QString fieldText(const QString& key) const;

private:
    VerdictBanner* m_banner;
    QTreeWidget* m_checks;
    QWidget* m_fieldsBox;
    QFormLayout* m_fields;
    QFormLayout* m_moreFields;
    QWidget* m_fieldsScroll = nullptr;
    ScannedImageView* m_image;
    // Every check in view: the table is as tall as its rows.
    void fitChecksToRows();
};

} // namespace kp::ui
