#include "SettingsDialog.h"

#include "EnrolmentPanel.h"
#include "FileDialogs.h"
#include "LocalSettings.h"
#include "OfficeSettingsPanel.h"
#include "ScreenFitScrollArea.h"

#include "accounts/Permissions.h"
#include "cache/CacheDatabase.h"
#include "sync/SyncClient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSerialPortInfo>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kp::ui {

SettingsDialog::SettingsDialog(CacheDatabase& db, DeskRecords& door, const Session& admin, const Clock& clock,
                               QWidget* parent)
    : QDialog(parent), m_db(db), m_door(door), m_admin(admin), m_sources(new QListWidget(this)),
      m_newSource(new QLineEdit(this)), m_serialPort(new QComboBox(this)), m_idleMinutes(new QSpinBox(this)),
      m_sounds(new QCheckBox(tr("A &sound for each verdict"), this)),
      m_enrolment(new EnrolmentPanel(db, door, admin, clock, this)),
      m_office(new OfficeSettingsPanel(db, door, admin, this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setMinimumWidth(620); // a source's address or path is read whole

    // Sync: the sources in the order they are tried.
    m_sources->setObjectName(QStringLiteral("sourceList"));
    m_sources->setAccessibleName(tr("Sync sources, in the order they are tried"));
    if (const auto configured = db.syncSources())
        m_sources->addItems(*configured);
    m_newSource->setObjectName(QStringLiteral("newSource"));
    m_newSource->setAccessibleName(tr("New sync source"));
    m_newSource->setPlaceholderText(tr("https://... or a folder (USB stick)"));
    auto* add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("addSourceButton"));
    auto* browseFolder = new QPushButton(tr("&Folder..."), this);
    browseFolder->setObjectName(QStringLiteral("browseSourceFolderButton"));
    auto* browseFile = new QPushButton(tr("Bundle fil&e..."), this);
    browseFile->setObjectName(QStringLiteral("browseSourceFileButton"));
    auto* remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(QStringLiteral("removeSourceButton"));
    auto* up = new QPushButton(tr("&Up"), this);
    up->setObjectName(QStringLiteral("sourceUpButton"));
    auto* down = new QPushButton(tr("Do&wn"), this);
    down->setObjectName(QStringLiteral("sourceDownButton"));
    connect(add, &QPushButton::clicked, this, [this] {
        if (addSource(m_newSource->text()))
            m_newSource->clear();
    });
    connect(m_newSource, &QLineEdit::returnPressed, add, &QPushButton::click);
    connect(browseFolder, &QPushButton::clicked, this, [this] {
        const QString folder =
            FileDialogs::existingFolder(this, tr("The published folder (USB stick, share)"));
        if (!folder.isEmpty())
            addSource(folder);
    });
    connect(browseFile, &QPushButton::clicked, this, [this] {
        const QString file = FileDialogs::openFile(this, tr("A bundle file"), tr("Bundles (*.kpsync)"));
        if (!file.isEmpty())
            addSource(file);
    });
    connect(remove, &QPushButton::clicked, this, [this] { delete m_sources->currentItem(); });
    connect(up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(down, &QPushButton::clicked, this, [this] { move(1); });
    auto* syncBox = new QGroupBox(tr("Sync sources (tried in order until one works)"), this);
    auto* syncGrid = new QGridLayout(syncBox);
    syncGrid->addWidget(m_sources, 0, 0, 3, 3);
    syncGrid->addWidget(up, 0, 3);
    syncGrid->addWidget(down, 1, 3);
    syncGrid->addWidget(remove, 2, 3);
    syncGrid->addWidget(m_newSource, 3, 0);
    syncGrid->addWidget(add, 3, 1);
    syncGrid->addWidget(browseFolder, 3, 2);
    syncGrid->addWidget(browseFile, 3, 3);
    syncGrid->setColumnStretch(0, 1);

    // This machine's scanner and sounds; the desk's idle lock.
    m_serialPort->setObjectName(QStringLiteral("serialPort"));
    m_serialPort->setAccessibleName(tr("Serial port of the 2D imager"));
    m_serialPort->setEditable(true); // a udev name or a pseudo-terminal can be typed
    m_serialPort->addItem(QString());
    for (const QSerialPortInfo& info : QSerialPortInfo::availablePorts())
        m_serialPort->addItem(info.systemLocation());
    m_serialPort->setCurrentText(LocalSettings::serialPort());
    m_serialPort->lineEdit()->setPlaceholderText(tr("none"));
    m_serialPort->lineEdit()->setAccessibleName(m_serialPort->accessibleName());
    auto desk = door.settings();
    m_loaded = desk ? *desk : DeskSettings{};
    m_idleMinutes->setObjectName(QStringLiteral("idleLockMinutes"));
    m_idleMinutes->setAccessibleName(tr("Idle lock in minutes"));
    m_idleMinutes->setRange(1, 240);
    m_idleMinutes->setValue(m_loaded.idleLockMinutes);
    m_idleMinutes->setSuffix(tr(" min"));
    m_sounds->setObjectName(QStringLiteral("sounds"));
    m_sounds->setChecked(LocalSettings::sounds());
    auto* deskForm = new QFormLayout;
    deskForm->addRow(tr("Serial &port of the 2D imager:"), m_serialPort);
    deskForm->addRow(tr("&Lock the idle desk after:"), m_idleMinutes);
    deskForm->addRow(QString(), m_sounds);
    auto* deskBox = new QGroupBox(tr("Scanner, lock and sounds"), this);
    deskBox->setLayout(deskForm);

    auto* enrolBox = new QGroupBox(tr("Enrolment with the home authority"), this);
    auto* enrolLayout = new QVBoxLayout(enrolBox);
    enrolLayout->addWidget(m_enrolment);

    auto* officeBox = new QGroupBox(tr("Office (PostgreSQL server gathering every desk's cases)"), this);
    auto* officeLayout = new QVBoxLayout(officeBox);
    officeLayout->addWidget(m_office);

    m_message->setObjectName(QStringLiteral("settingsMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    if (!desk)
        say(desk.error().message);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // The sections scroll when the screen is too short for them all.
    auto* sections = new QWidget;
    auto* sectionsLayout = new QVBoxLayout(sections);
    sectionsLayout->setContentsMargins(0, 0, 0, 0);
    sectionsLayout->addWidget(syncBox, 1);
    sectionsLayout->addWidget(deskBox);
    sectionsLayout->addWidget(enrolBox);
    sectionsLayout->addWidget(officeBox);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new ScreenFitScrollArea(sections, 110, this), 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    // Whole where the screen has room (Qt would open a dialog at two thirds
    // of the screen's height at most), scrolling where it has not.
    resize(sizeHint());
}

QStringList SettingsDialog::sources() const
{
    QStringList list;
    for (int i = 0; i < m_sources->count(); ++i)
        list << m_sources->item(i)->text();
    return list;
}

bool SettingsDialog::addSource(const QString& location)
{
    const QString where = location.trimmed();
    if (const Status s = checkSyncSource(where); !s) {
        say(s.error().message);
        return false;
    }
    if (sources().contains(where)) {
        say(tr("%1 is already a source.").arg(where));
        return false;
    }
    m_sources->addItem(where);
    m_sources->setCurrentRow(m_sources->count() - 1);
    say(QString());
    return true;
}

void SettingsDialog::move(int by)
{
    const int row = m_sources->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_sources->count())
        return;
    m_sources->insertItem(to, m_sources->takeItem(row));
    m_sources->setCurrentRow(to);
}

QString SettingsDialog::serialPort() const
{
    return m_serialPort->currentText().trimmed();
}

int SettingsDialog::idleLockMinutes() const
{
    return m_idleMinutes->value();
}

bool SettingsDialog::sounds() const
{
    return m_sounds->isChecked();
}

bool SettingsDialog::officeChanged() const
{
    return m_office->changed();
}

QString SettingsDialog::message() const
{
    return m_message->text();
}

bool SettingsDialog::save()
{
    if (const Status may = Permissions::check(m_admin.role, Action::ChangeSettings); !may) {
        say(may.error().message);
        return false;
    }
    if (m_loaded.idleLockMinutes != idleLockMinutes()) {
        DeskSettings wanted = m_loaded;
        wanted.idleLockMinutes = idleLockMinutes();
        if (const Status s = m_door.changeSettings(m_admin, wanted); !s) {
            say(s.error().message);
            return false;
        }
        m_loaded = wanted;
    }
    const auto before = m_db.syncSources();
    if (!before || *before != sources())
        if (const Status s = m_db.setSyncSources(sources()); !s) {
            say(s.error().message);
            return false;
        }
    if (!m_office->save())
        return false;
    LocalSettings::setSerialPort(serialPort());
    LocalSettings::setSounds(sounds());
    return true;
}

void SettingsDialog::say(const QString& text)
{
    m_message->setText(text);
}

} // namespace kp::ui
