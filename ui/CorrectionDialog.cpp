#include "CorrectionDialog.h"

#include "verify/Recheck.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace kp::ui {

CorrectionDialog::CorrectionDialog(const QString& certificate, const QString& recorded,
                                   const QString& corrected, QWidget* parent)
    : QDialog(parent), m_reason(new QLineEdit(this)), m_record(nullptr)
{
    setObjectName(QStringLiteral("correctionDialog"));
    setWindowTitle(tr("Correct the physical check of %1").arg(certificate));
    auto* question = new QLabel(tr("Record a correction to this inspection?"), this);
    QFont bold = question->font();
    bold.setBold(true);
    question->setFont(bold);
    auto* note = new QLabel(tr("The recorded check stays in the inspection's record and in the audit "
                               "trail; the correction is added to them with its reason. A case opened on "
                               "this inspection is left to its supervisor."),
                            this);
    note->setWordWrap(true);
    auto* was = new QLabel(recorded, this);
    was->setObjectName(QStringLiteral("correctionRecorded"));
    was->setWordWrap(true);
    auto* now = new QLabel(corrected, this);
    now->setObjectName(QStringLiteral("correctionNew"));
    now->setWordWrap(true);
    m_reason->setObjectName(QStringLiteral("correctionReason"));
    m_reason->setPlaceholderText(tr("Why the recorded check was wrong"));
    m_reason->setMaxLength(1000);

    auto* form = new QFormLayout;
    form->addRow(tr("Recorded:"), was);
    form->addRow(tr("Correction:"), now);
    auto* reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_record = buttons->addButton(tr("Record the correction"), QDialogButtonBox::AcceptRole);
    m_record->setObjectName(QStringLiteral("recordCorrectionButton"));
    m_record->setDefault(true);
    m_record->setEnabled(false); // never without its reason
    connect(m_reason, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_record->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!reason().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(note);
    layout->addLayout(form);
    layout->addWidget(buttons);
    m_reason->setFocus();
}

QString CorrectionDialog::describe(const PhysicalCheck& check, Verdict verdict, const QStringList& mismatches)
{
    const QLocale locale;
    QStringList parts;
    if (check.parcelsCounted)
        parts << tr("%Ln parcel(s) counted", nullptr, int(*check.parcelsCounted));
    if (check.massCarats)
        parts << tr("%1 carats weighed").arg(locale.toString(*check.massCarats, 'f', 2));
    if (check.sealsIntact)
        parts << (*check.sealsIntact ? tr("seals intact") : tr("seals not intact"));
    if (check.importerMatches)
        parts << (*check.importerMatches ? tr("importer matches") : tr("importer does not match"));
    QString text = InspectionChange::verdictWord(verdict);
    if (!parts.isEmpty())
        text += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    if (!mismatches.isEmpty())
        text += QStringLiteral(": ") + mismatches.join(QLatin1Char(' '));
    return text;
}

QString CorrectionDialog::reason() const
{
    return m_reason->text().trimmed();
}

} // namespace kp::ui
