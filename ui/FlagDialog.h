#pragma once

// Flag reasonable doubt: the reasons (prefilled from failing checks and the
// physical check), notes, images of the certificate and the container, and
// whether the shipment is held. It names the certificate it flags; closing
// it (Esc) with notes or images asks before throwing them away.

#include "cases/Attachment.h"

#include <QDialog>

class QCheckBox;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace kp::ui {

class FlagDialog : public QDialog
{
    Q_OBJECT

public:
    // `certificate`: the number flagged (or what was scanned, when no number was read).
    FlagDialog(const QString& certificate, const QStringList& suggestedReasons, QWidget* parent = nullptr);

    QStringList reasons() const;
    QString notes() const;
    bool held() const;
    QList<Attachment> attachments() const { return m_attachments; }

    // Adds an image file as an attachment; false (with a message) when unreadable.
    bool attachFile(const QString& path);
    QPlainTextEdit* notesEdit() const { return m_notes; }
    QListWidget* reasonList() const { return m_reasons; }
    QString certificate() const { return m_certificate; }

    // Esc, Cancel or the window's close: with notes or images, asks first.
    void reject() override;

private:
    QString m_certificate;
    QListWidget* m_reasons;
    QPlainTextEdit* m_notes;
    QListWidget* m_files;
    QCheckBox* m_held;
    QList<Attachment> m_attachments;
};

} // namespace kp::ui
