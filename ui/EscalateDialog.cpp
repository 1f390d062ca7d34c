#include "EscalateDialog.h"

#include "EnterStaysInField.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace kp::ui {

EscalateDialog::EscalateDialog(const QStringList& codes, const QStringList& described, QWidget* parent)
    : QDialog(parent), m_list(new QListWidget(this)), m_add(new QLineEdit(this))
{
    setObjectName(QStringLiteral("escalateDialog"));
    setWindowTitle(tr("Escalate the case"));
    m_list->setObjectName(QStringLiteral("addressees"));
    for (qsizetype i = 0; i < codes.size(); ++i) {
        auto* item = new QListWidgetItem(described.value(i, codes[i]), m_list);
        item->setData(Qt::UserRole, codes[i]);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_add->setObjectName(QStringLiteral("addAddressee"));
    m_add->setPlaceholderText(tr("A participant's code, e.g. AO"));
    auto* addButton = new QPushButton(tr("&Add"), this);
    addButton->setAutoDefault(false);
    connect(addButton, &QPushButton::clicked, this, [this] {
        if (addAddressee(m_add->text()))
            m_add->clear();
    });
    // Enter in "Also to" adds the code typed, as Add does; it never escalates.
    connect(m_add, &QLineEdit::returnPressed, addButton, &QPushButton::click);
    EnterStaysInField::install(this);
    auto* addRow = new QHBoxLayout;
    auto* addLabel = new QLabel(tr("Also &to:"), this);
    addLabel->setBuddy(m_add);
    addRow->addWidget(addLabel);
    addRow->addWidget(m_add, 1);
    addRow->addWidget(addButton);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Escalate"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The doubt goes, signed by this desk, to its home authority for:"), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(m_list);
    layout->addLayout(addRow);
    layout->addWidget(buttons);
    // Wide enough for each addressee's whole line (names and addresses are long).
    m_list->setMinimumWidth(qMin(760, m_list->sizeHintForColumn(0) + 2 * m_list->frameWidth() + 24));
}

QStringList EscalateDialog::chosen() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            out << m_list->item(i)->data(Qt::UserRole).toString();
    return out;
}

bool EscalateDialog::addAddressee(const QString& typed)
{
    static const QRegularExpression code(QStringLiteral("^([A-Z]{2}|KP-CHAIR|KP-WGM)$"));
    const QString c = typed.trimmed().toUpper();
    if (!code.match(c).hasMatch())
        return false;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == c) {
            m_list->item(i)->setCheckState(Qt::Checked);
            return true;
        }
    auto* item = new QListWidgetItem(c, m_list);
    item->setData(Qt::UserRole, c);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
    return true;
}

} // namespace kp::ui
