#include "AuditTrailDialog.h"

#include "TrailKindWords.h"

#include "FileDialogs.h"
#include "LocalTime.h"
#include "TrailKindWords.h"
#include "TrailTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QTableView>
#include <QVBoxLayout>

namespace kp::ui {

namespace {

QString hex(const QByteArray& hash)
{
    return QString::fromLatin1(hash.toHex());
}

} // namespace

AuditTrailDialog::AuditTrailDialog(DeskRecords& door, QWidget* parent)
    : QDialog(parent), m_door(door), m_menus(new QMenuBar(this)), m_state(new QLabel(this)),
      m_head(new QLabel(this)), m_witness(new QLabel(this)), m_actor(new QComboBox(this)),
      m_kind(new QComboBox(this)), m_when(new QCheckBox(tr("&From"), this)), m_from(new QDateEdit(this)),
      m_to(new QDateEdit(this)), m_number(new QLineEdit(this)), m_case(new QLineEdit(this)),
      m_table(new QTableView(this)), m_model(new TrailTableModel(this)), m_shown(new QLabel(this)),
      m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("auditTrailDialog"));
    setWindowTitle(tr("Audit trail"));

    QMenu* trail = m_menus->addMenu(tr("&Trail"));
    QAction* verifyAction = trail->addAction(tr("&Verify the trail"), this, &AuditTrailDialog::verify);
    verifyAction->setObjectName(QStringLiteral("verifyTrailAction"));
    verifyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    QAction* exportAction =
        trail->addAction(tr("&Export for an auditor..."), this, [this] { (void)exportForAuditor(); });
    exportAction->setObjectName(QStringLiteral("exportTrailAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    trail->addSeparator();
    trail->addAction(tr("&Close"), this, &QDialog::reject);

    m_state->setObjectName(QStringLiteral("trailState"));
    m_state->setWordWrap(true);
    QFont big = m_state->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_state->setFont(big);
    m_head->setObjectName(QStringLiteral("trailHead"));
    m_head->setWordWrap(true);
    m_head->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_witness->setObjectName(QStringLiteral("trailWitness"));
    m_witness->setWordWrap(true);
    m_witness->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_actor->setObjectName(QStringLiteral("trailActorFilter"));
    m_actor->setAccessibleName(tr("Who"));
    m_kind->setObjectName(QStringLiteral("trailKindFilter"));
    m_kind->setAccessibleName(tr("What"));
    m_when->setObjectName(QStringLiteral("trailWhenFilter"));
    const QDate today = QDate::currentDate();
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setDate(today);
        d->setEnabled(false);
    }
    m_from->setObjectName(QStringLiteral("trailFrom"));
    m_from->setAccessibleName(tr("From the day"));
    m_to->setObjectName(QStringLiteral("trailTo"));
    m_to->setAccessibleName(tr("To the day"));
    m_number->setObjectName(QStringLiteral("trailNumberFilter"));
    m_number->setAccessibleName(tr("Certificate number"));
    m_number->setClearButtonEnabled(true);
    m_case->setObjectName(QStringLiteral("trailCaseFilter"));
    m_case->setAccessibleName(tr("Case"));
    m_case->setClearButtonEnabled(true);

    m_table->setObjectName(QStringLiteral("trailTable"));
    m_table->setAccessibleName(tr("Trail entries"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(TrailTableModel::DataColumn, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_shown->setObjectName(QStringLiteral("trailShown"));
    m_message->setObjectName(QStringLiteral("trailMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* filters = new QGridLayout;
    auto* who = new QLabel(tr("W&ho:"), this);
    who->setBuddy(m_actor);
    auto* what = new QLabel(tr("Wh&at:"), this);
    what->setBuddy(m_kind);
    auto* to = new QLabel(tr("t&o"), this);
    to->setBuddy(m_to);
    auto* number = new QLabel(tr("Ce&rtificate:"), this);
    number->setBuddy(m_number);
    auto* caseLabel = new QLabel(tr("Ca&se:"), this);
    caseLabel->setBuddy(m_case);
    filters->addWidget(who, 0, 0);
    filters->addWidget(m_actor, 0, 1);
    filters->addWidget(what, 0, 2);
    filters->addWidget(m_kind, 0, 3);
    filters->addWidget(m_when, 0, 4);
    filters->addWidget(m_from, 0, 5);
    filters->addWidget(to, 0, 6);
    filters->addWidget(m_to, 0, 7);
    filters->addWidget(number, 1, 0);
    filters->addWidget(m_number, 1, 1, 1, 3);
    filters->addWidget(caseLabel, 1, 4);
    filters->addWidget(m_case, 1, 5, 1, 3);
    filters->setColumnStretch(1, 1);
    filters->setColumnStretch(3, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->setMenuBar(m_menus);
    layout->addWidget(m_state);
    layout->addWidget(m_head);
    layout->addWidget(m_witness);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_shown);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(m_actor, &QComboBox::currentIndexChanged, this, &AuditTrailDialog::applyFilter);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuditTrailDialog::applyFilter);
    connect(m_when, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilter();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &AuditTrailDialog::applyFilter);
    connect(m_to, &QDateEdit::dateChanged, this, &AuditTrailDialog::applyFilter);
    connect(m_number, &QLineEdit::textChanged, this, &AuditTrailDialog::applyFilter);
    connect(m_case, &QLineEdit::textChanged, this, &AuditTrailDialog::applyFilter);

    verify();
    resize(QSize(980, 640));
}

void AuditTrailDialog::verify()
{
    showState(readTrail(m_door.store()));
}

void AuditTrailDialog::showState(const Result<TrailReading>& reading)
{
    m_verified = false;
    if (!reading) {
        m_state->setText(tr("The trail could not be read: %1").arg(reading.error().message));
        m_state->setStyleSheet(QStringLiteral("color: #b00020;"));
        m_head->clear();
        m_witness->clear();
        m_model->setReading({});
        return;
    }
    const TrailReading& r = *reading;
    if (r.holds()) {
        m_verified = true;
        m_state->setText(
            tr("Verified: the chain holds through its %Ln entry(ies).", nullptr, int(r.head.count)));
        m_state->setStyleSheet(QStringLiteral("color: #1b5e20;"));
    } else {
        QString why = r.failure->message; // one full stop after it, not two
        if (why.endsWith(QLatin1Char('.')))
            why.chop(1);
        m_state->setText(tr("BROKEN: the trail does not hold at entry %1: %2. Entries from there on are not "
                            "verified.")
                             .arg(QLocale().toString(r.failedAt), why));
        m_state->setStyleSheet(QStringLiteral("color: #b00020;"));
    }
    m_head->setText(
        tr("Head: %1 (after %Ln entry(ies), all holding)", nullptr, int(r.head.count)).arg(hex(r.head.hash)));
    if (r.witnessed)
        m_witness->setText(
            tr("Last received by the home authority: the head after %Ln entry(ies), %1, on %2.", nullptr,
               int(r.witnessed->head.count))
                .arg(hex(r.witnessed->head.hash), localTimeWithZone(r.witnessed->at)));
    else
        m_witness->setText(tr("The home authority has not received a head of this trail yet."));
    fillChoices(m_actor, tr("Anyone"), r.actors());
    fillChoices(m_kind, tr("Anything"), r.kinds(), &trailKindTitle);
    m_model->setReading(r);
    applyFilter();
    m_table->resizeColumnsToContents();
}

void AuditTrailDialog::fillChoices(QComboBox* box, const QString& any, const QStringList& values,
                                   QString (*words)(const QString&))
{
    const QString kept = box->currentData().toString();
    const QSignalBlocker quiet(box);
    box->clear();
    box->addItem(any, QString());
    for (const QString& v : values)
        box->addItem(words ? words(v) : v, v);
    box->setCurrentIndex(qMax(0, box->findData(kept)));
}

void AuditTrailDialog::applyFilter()
{
    TrailFilter filter;
    filter.actor = m_actor->currentData().toString();
    filter.kind = m_kind->currentData().toString();
    if (m_when->isChecked()) { // whole days, in the desk's local time
        filter.from = m_from->date().startOfDay();
        filter.before = m_to->date().addDays(1).startOfDay();
    }
    filter.number = m_number->text();
    filter.caseId = m_case->text();
    m_model->setFilter(filter);
    m_shown->setText(tr("%Ln entry(ies) in the trail, %1 shown", nullptr, int(m_model->reading().rows.size()))
                         .arg(QLocale().toString(m_model->rowCount()))); // the same digits as %Ln
}

bool AuditTrailDialog::exportForAuditor()
{
    const QString path = FileDialogs::saveFile(
        this, tr("Export the audit trail"), QStringLiteral("audit-trail.cbor"), tr("CBOR sequence (*.cbor)"));
    if (path.isEmpty())
        return false;
    // Written beside, then put in place: a half-written export never has the name.
    QFile part(path + QStringLiteral(".part"));
    if (!part.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        say(tr("The export could not be written: %1: %2").arg(part.fileName(), part.errorString()), true);
        return false;
    }
    auto head = m_door.exportTrail(&part);
    part.close();
    if (!head) {
        part.remove();
        say(tr("Nothing was exported: %1").arg(head.error().message), true);
        verify(); // what was found is shown as the state too
        return false;
    }
    QFile::remove(path);
    if (!part.rename(path)) {
        part.remove();
        say(tr("The export could not be written to %1.").arg(path), true);
        return false;
    }
    say(tr("Exported %Ln entry(ies) to %1; head %2.", nullptr, int(head->count)).arg(path, hex(head->hash)),
        false);
    return true;
}

QString AuditTrailDialog::stateText() const
{
    return m_state->text();
}

QString AuditTrailDialog::witnessText() const
{
    return m_witness->text();
}

QString AuditTrailDialog::message() const
{
    return m_message->text();
}

void AuditTrailDialog::say(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020; font-weight: bold;") : QString());
}

} // namespace kp::ui
