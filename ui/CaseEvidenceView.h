#pragma once

// What was recorded at the desk about a case's shipment, shown beside its
// checks and events (issue 21 item 9): the physical check as it was made
// (against the certificate), the notes written with the flag, and the files
// attached to the case: each image a thumbnail that opens larger
// (ImagePreview), other files by name. Only what this desk holds: for a
// case whose inspection was made at another desk, it says so plainly.

#include "cases/CaseLife.h"
#include "cases/PhysicalCheck.h"

#include <QImage>
#include <QWidget>

#include <optional>

class QLabel;
class QHBoxLayout;
class QScrollArea;
class QToolButton;

namespace kp::ui {

class ImagePreview;

class CaseEvidenceView : public QWidget
{
    Q_OBJECT

public:
    explicit CaseEvidenceView(QWidget* parent = nullptr);

    // The physical check as recorded (none: it says so), compared with the
    // certificate when the inspection decoded one.
    void showPhysicalCheck(const std::optional<PhysicalCheck>& check,
                           const std::optional<CertificateRecord>& certificate);
    // No physical check to show here, and why (the inspection is elsewhere).
    void showPhysicalNotice(const QString& why);
    // The flag's notes and every event's attachments.
    void showEvents(const QList<CaseEvent>& events);

    QString physicalText() const;
    QString notesText() const;
    QString otherFilesText() const;
    // The images' thumbnails, in the events' order.
    QList<QToolButton*> thumbnails() const { return m_thumbnails; }
    // Opens the image of thumbnail `index` larger, as clicking it does.
    ImagePreview* openImage(int index);

private:
    struct Picture
    {
        QImage image;
        QString title;
    };

    QLabel* m_physical;
    QLabel* m_notes;
    QLabel* m_otherFiles;
    QScrollArea* m_stripArea;
    QWidget* m_strip;
    QHBoxLayout* m_stripLayout;
    QList<QToolButton*> m_thumbnails;
    QList<Picture> m_pictures;
};

} // namespace kp::ui
