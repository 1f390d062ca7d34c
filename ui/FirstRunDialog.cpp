#include "FirstRunDialog.h"

#include "EnrolmentPanel.h"
#include "FileDialogs.h"
#include "PlaceholderFit.h"
#include "SyncController.h"

#include "accounts/PasswordHash.h"
#include "cache/CacheDatabase.h"
#include "crypto/Certificate.h"
#include "sync/SyncClient.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace kp::ui {

namespace {

constexpr qint64 MaxPemFile = 64 * 1024;

} // namespace

FirstRunDialog::FirstRunDialog(CacheDatabase& db, const Clock& clock, QWidget* parent)
    : QDialog(parent), m_db(db), m_clock(clock), m_store(db), m_door(m_store, clock),
      m_pages(new QStackedWidget(this)), m_participant(new QLineEdit(this)), m_key(new QLineEdit(this)),
      m_source(new QLineEdit(this)), m_adminName(new QLineEdit(this)), m_adminPassword(new QLineEdit(this)),
      m_adminAgain(new QLineEdit(this)), m_message(new QLabel(this)),
      m_sync(new SyncController(db.path(), clock, this))
{
    setObjectName(QStringLiteral("firstRunDialog"));
    setWindowTitle(tr("Set up this desk"));
    setMinimumWidth(640); // paths and the enrolment's words fit without clipping
    auto* intro =
        new QLabel(tr("This desk has no data yet. Set it up with the files from your KP authority, or try "
                      "KP Desk on a demo desk with demo certificates."),
                   this);
    intro->setWordWrap(true);
    m_participant->setObjectName(QStringLiteral("participant"));
    m_participant->setPlaceholderText(tr("e.g. EU, CA, NA"));
    m_participant->setMaxLength(2);
    m_participant->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,2}")), this));
    m_key->setObjectName(QStringLiteral("bundleKey"));
    m_key->setPlaceholderText(tr("bundle-cert.pem from your authority"));
    fitPlaceholder(m_key);
    auto* browse = new QPushButton(tr("&Browse..."), this);
    browse->setObjectName(QStringLiteral("browseKeyButton"));
    browse->setAccessibleName(tr("Browse for the bundle key"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = FileDialogs::openFile(this, tr("The authority's bundle key certificate"),
                                                tr("Certificates (*.pem *.crt)"));
        if (!f.isEmpty())
            m_key->setText(f);
    });
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(browse);
    m_source->setObjectName(QStringLiteral("source"));
    m_source->setPlaceholderText(tr("https://... or a folder (USB stick)"));
    auto* browseFolder = new QPushButton(tr("&Folder..."), this);
    browseFolder->setObjectName(QStringLiteral("browseSourceFolderButton"));
    browseFolder->setAccessibleName(tr("Browse for the sync folder"));
    connect(browseFolder, &QPushButton::clicked, this, [this] {
        const QString f = FileDialogs::existingFolder(this, tr("The published folder (USB stick, share)"));
        if (!f.isEmpty())
            m_source->setText(f);
    });
    auto* browseFile = new QPushButton(tr("Bundle fil&e..."), this);
    browseFile->setObjectName(QStringLiteral("browseSourceFileButton"));
    browseFile->setAccessibleName(tr("Browse for a bundle file"));
    connect(browseFile, &QPushButton::clicked, this, [this] {
        const QString f = FileDialogs::openFile(this, tr("A bundle file"), tr("Bundles (*.kpsync)"));
        if (!f.isEmpty())
            m_source->setText(f);
    });
    auto* sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(browseFolder);
    sourceRow->addWidget(browseFile);
    fitPlaceholder(m_source);
    auto* form = new QFormLayout;
    form->addRow(tr("&Participant:"), m_participant);
    form->addRow(tr("Bundle &key:"), keyRow);
    // The rows hold the field and its Browse buttons: Alt+K, Alt+S go to the field.
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(keyRow)))
        label->setBuddy(m_key);
    form->addRow(tr("Sync so&urce:"), sourceRow);
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(sourceRow)))
        label->setBuddy(m_source);
    // The first account: the administrator, who makes the others.
    m_adminName->setObjectName(QStringLiteral("adminName"));
    m_adminName->setAccessibleName(tr("Administrator's name"));
    m_adminPassword->setObjectName(QStringLiteral("adminPassword"));
    m_adminPassword->setAccessibleName(tr("Administrator's password"));
    m_adminPassword->setEchoMode(QLineEdit::Password);
    m_adminAgain->setObjectName(QStringLiteral("adminPasswordAgain"));
    m_adminAgain->setAccessibleName(tr("Administrator's password again"));
    m_adminAgain->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Administrator's &name:"), m_adminName);
    form->addRow(tr("Pass&word:"), m_adminPassword);
    form->addRow(tr("Password &again:"), m_adminAgain);
    m_message->setObjectName(QStringLiteral("setupMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide(); // until there is something to say

    auto* buttons = new QDialogButtonBox(this);
    auto* setUpButton = buttons->addButton(tr("&Set up"), QDialogButtonBox::ActionRole);
    setUpButton->setObjectName(QStringLiteral("setUpButton"));
    setUpButton->setDefault(true);
    auto* demo = buttons->addButton(tr("Try the &demo desk"), QDialogButtonBox::ActionRole);
    demo->setObjectName(QStringLiteral("demoButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(setUpButton, &QPushButton::clicked, this, &FirstRunDialog::setUp);
    connect(demo, &QPushButton::clicked, this, [this] {
        m_demo = true;
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* formPage = new QWidget(this);
    auto* formLayout = new QVBoxLayout(formPage);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(intro);
    formLayout->addLayout(form);
    formLayout->addWidget(m_message);
    formLayout->addStretch(1);
    formLayout->addWidget(buttons);
    m_pages->addWidget(formPage);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    connect(m_sync, &SyncController::progress, this, [this](const QString& file, qint64 done, qint64 total) {
        m_syncState->setText(tr("Downloading %1...").arg(file));
        m_syncProgress->setRange(0, 1000);
        m_syncProgress->setValue(int(done * 1000 / std::max<qint64>(total, 1)));
    });
    connect(m_sync, &SyncController::finished, this, [this](bool ok, const QString& text) {
        m_syncProgress->setRange(0, 1);
        m_syncProgress->setValue(ok ? 1 : 0);
        m_syncState->setText(ok ? text
                                : text + QLatin1Char('\n') +
                                      tr("The desk starts all the same; sync it later with Sync now (F5)."));
        m_syncState->setStyleSheet(ok ? QString() : QStringLiteral("color: #b00020;"));
        m_start->setEnabled(true);
        m_start->setFocus();
    });
}

FirstRunDialog::~FirstRunDialog() = default;

QWidget* FirstRunDialog::makeFinishPage()
{
    auto* page = new QWidget(this);
    auto* done = new QLabel(
        tr("The desk of %1 is set up, with %2 as its administrator.").arg(participant(), adminName()), page);
    done->setWordWrap(true);
    m_syncState = new QLabel(page);
    m_syncState->setObjectName(QStringLiteral("syncState"));
    m_syncState->setWordWrap(true);
    m_syncState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_syncProgress = new QProgressBar(page);
    m_syncProgress->setObjectName(QStringLiteral("syncProgress"));
    m_syncProgress->setAccessibleName(tr("Sync progress"));
    m_syncProgress->setRange(0, 0); // busy until the first bytes
    m_enrolment = new EnrolmentPanel(m_db, m_door, *m_admin, m_clock, page);
    auto* enrolBox = new QWidget(page);
    auto* enrolLayout = new QVBoxLayout(enrolBox);
    enrolLayout->setContentsMargins(0, 0, 0, 0);
    auto* enrolTitle =
        new QLabel(tr("<b>Enrolment with the home authority</b> (now, or later in Settings)"), enrolBox);
    enrolLayout->addWidget(enrolTitle);
    enrolLayout->addWidget(m_enrolment);
    m_start = new QPushButton(tr("S&tart"), page);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setEnabled(false); // once the sync has said how it went
    connect(m_start, &QPushButton::clicked, this, &QDialog::accept);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(done);
    layout->addWidget(m_syncProgress);
    layout->addWidget(m_syncState);
    layout->addWidget(enrolBox);
    layout->addStretch(1);
    layout->addWidget(m_start, 0, Qt::AlignRight);
    return page;
}

bool FirstRunDialog::setUp()
{
    if (participant().size() != 2 || bundleKeyPath().isEmpty()) {
        say(tr("Give the participant code and the bundle key file."));
        return false;
    }
    if (adminName().isEmpty() || adminName().startsWith(QLatin1String("cli:"), Qt::CaseInsensitive)) {
        say(tr("Give the administrator's name."));
        m_adminName->setFocus();
        return false;
    }
    if (m_adminPassword->text() != m_adminAgain->text()) {
        say(tr("The two passwords differ. Type them again."));
        m_adminPassword->clear();
        m_adminAgain->clear();
        m_adminPassword->setFocus();
        return false;
    }
    if (const Status rules = PasswordRules{}.check(adminPassword(), adminName()); !rules) {
        say(rules.error().message);
        return false;
    }
    // A source is checked before it is kept: a folder with bundles but no
    // index would be taken, then fail at every sync.
    if (!source().isEmpty())
        if (const Status s = checkSyncSource(source()); !s) {
            say(s.error().message);
            m_source->setFocus();
            return false;
        }
    QFile pem(bundleKeyPath());
    if (!pem.open(QIODevice::ReadOnly) || pem.size() > MaxPemFile) {
        say(tr("Cannot read %1.").arg(pem.fileName()));
        return false;
    }
    auto cert = Certificate::fromPem(pem.readAll());
    if (!cert) {
        say(cert.error().message);
        return false;
    }
    for (const Status& s : {m_db.setParticipant(participant()), m_db.addPinnedBundleKey(cert->der()),
                            source().isEmpty() ? success() : m_db.setSyncSources({source()})})
        if (!s) {
            say(s.error().message);
            return false;
        }
    // The administrator's account, made by whoever sets up the desk's files
    // (in the trail as the command line's actor, "cli:<user>"); then signed
    // in, so that the first sync and the enrolment are theirs.
    const Session setup = Session::forCommandLine(qEnvironmentVariable("USER", QStringLiteral("setup")));
    if (auto added = m_door.addAccount(setup, adminName(), Role::Administrator, adminPassword()); !added) {
        say(added.error().message);
        return false;
    }
    auto admin = m_door.signIn(adminName(), adminPassword());
    if (!admin) {
        say(admin.error().message);
        return false;
    }
    m_admin = *admin;
    m_adminPassword->clear();
    m_adminAgain->clear();
    say(QString());

    m_pages->addWidget(makeFinishPage());
    m_pages->setCurrentIndex(1);
    // The finish page's wrapped words take their height only once shown.
    m_pages->widget(0)->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    adjustSize();
    if (source().isEmpty()) {
        m_syncProgress->hide();
        m_syncState->setText(tr("No sync source was given: sync with Sync now (F5) once an administrator "
                                "has added one in Settings."));
        m_start->setEnabled(true);
    } else {
        m_syncState->setText(tr("Syncing from %1...").arg(source()));
        m_sync->start({source()}, m_admin);
    }
    return true;
}

QString FirstRunDialog::message() const
{
    if (m_pages->currentIndex() == 1)
        return m_syncState->text();
    return m_message->text();
}

void FirstRunDialog::say(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString FirstRunDialog::participant() const
{
    return m_participant->text().trimmed().toUpper();
}

QString FirstRunDialog::bundleKeyPath() const
{
    return m_key->text().trimmed();
}

QString FirstRunDialog::adminName() const
{
    return m_adminName->text().trimmed();
}

QString FirstRunDialog::adminPassword() const
{
    return m_adminPassword->text();
}

QString FirstRunDialog::source() const
{
    return m_source->text().trimmed();
}

} // namespace kp::ui
