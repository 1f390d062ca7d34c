#include "FlagDialog.h"

#include "FileDialogs.h"
#include "cases/AttachmentFile.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kp::ui {

FlagDialog::FlagDialog(const QString& certificate, const QStringList& suggestedReasons, QWidget* parent)
    : QDialog(parent), m_certificate(certificate), m_reasons(new QListWidget(this)),
      m_notes(new QPlainTextEdit(this)), m_files(new QListWidget(this)),
      m_held(new QCheckBox(tr("&Hold the shipment"), this))
{
    setObjectName(QStringLiteral("flagDialog"));
    setWindowTitle(tr("Flag reasonable doubt: %1").arg(certificate));
    m_reasons->setObjectName(QStringLiteral("reasons"));
    m_reasons->setAccessibleName(tr("Reasons"));
    // Whole reasons, wrapped: a supervisor reads them later as the officer saw them.
    m_reasons->setWordWrap(true);
    m_reasons->setResizeMode(QListView::Adjust);
    m_reasons->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (const QString& r : suggestedReasons) {
        auto* item = new QListWidgetItem(r, m_reasons);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setAccessibleName(tr("Notes"));
    m_notes->setPlaceholderText(tr("What you saw, what the importer said, what you did."));
    m_notes->setTabChangesFocus(true); // Tab goes on to the images, as in every other field
    m_files->setObjectName(QStringLiteral("attachments"));
    m_files->setAccessibleName(tr("Attached images"));
    m_held->setChecked(true);
    auto* attach = new QPushButton(tr("&Attach image..."), this);
    connect(attach, &QPushButton::clicked, this, [this] {
        const QStringList files = FileDialogs::openFiles(
            this, tr("Attach images"), tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)"));
        for (const QString& f : files)
            attachFile(f);
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Flag"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (reasons().isEmpty() && notes().isEmpty()) {
            QMessageBox::warning(this, windowTitle(), tr("Give at least one reason or a note."));
            return;
        }
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    // Which certificate, in large: the officer may have scanned another since.
    auto* which = new QLabel(tr("Certificate %1").arg(certificate), this);
    which->setObjectName(QStringLiteral("flagCertificate"));
    which->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = which->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    which->setFont(big);
    layout->addWidget(which);
    // Labels with buddies: Alt plus the underlined letter goes to the field.
    const auto labelled = [&](const QString& text, QWidget* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        layout->addWidget(label);
        layout->addWidget(field);
    };
    labelled(tr("&Reasons:"), m_reasons);
    labelled(tr("&Notes:"), m_notes);
    labelled(tr("I&mages of the certificate and the container:"), m_files);
    layout->addWidget(attach);
    layout->addWidget(m_held);
    layout->addWidget(buttons);
    resize(560, 520);
}

QStringList FlagDialog::reasons() const
{
    QStringList out;
    for (int i = 0; i < m_reasons->count(); ++i)
        if (m_reasons->item(i)->checkState() == Qt::Checked)
            out << m_reasons->item(i)->text();
    return out;
}

QString FlagDialog::notes() const
{
    return m_notes->toPlainText().trimmed();
}

bool FlagDialog::held() const
{
    return m_held->isChecked();
}

void FlagDialog::reject()
{
    if ((!notes().isEmpty() || !m_attachments.isEmpty()) &&
        QMessageBox::question(this, windowTitle(),
                              tr("Close without flagging? The notes and images you added are thrown away."),
                              QMessageBox::Discard | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Discard)
        return;
    QDialog::reject();
}

bool FlagDialog::attachFile(const QString& path)
{
    // Read once, a regular file within the limit: what is shown as attached
    // is what is hashed and sent.
    auto file = readAttachmentFile(path);
    if (!file) {
        QMessageBox::warning(this, windowTitle(), tr("Cannot attach %1: %2").arg(path, file.error().message));
        return false;
    }
    m_attachments.append({file->name, file->data});
    m_files->addItem(file->name);
    return true;
}

} // namespace kp::ui
