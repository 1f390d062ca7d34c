#pragma once

// One inspection as the officer sees it: the verdict banner, every check
// with its reason, the certificate's fields as signed, and the scanned image.
// It shows an inspection's saved JSON, so a reopened inspection shows what
// was seen then, never a silent re-verification.

#include "verify/Inspection.h"

#include <QJsonObject>
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

    // `inspection` is Inspection::toJson(); `finalVerdict` includes the physical check.
    void showInspection(const QJsonObject& inspection, Verdict finalVerdict, const QStringList& extraReasons,
                        const QImage& image);
    void clear();
    // Nothing to show but why: the checks, fields and image are emptied.
    void showNotice(const QString& headline, const QString& reason);

    VerdictBanner* banner() const { return m_banner; }
    QTreeWidget* checks() const { return m_checks; }
    QString fieldText(const QString& key) const;

private:
    VerdictBanner* m_banner;
    QTreeWidget* m_checks;
    QWidget* m_fieldsBox;
    QFormLayout* m_fields;
    ScannedImageView* m_image;
};

} // namespace kp::ui
