#include "format/Base45.h"
#include "format/Kp1.h"
#include "util/Translation.h"

#include "TestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace kp;

namespace {

struct Message
{
    QString context;
    QString source;
    bool finished = false;
    QStringList translations; // one, or one per plural form
};

QList<Message> readCatalogue(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message{context, {}, false, {}};
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type"));
            m.finished = type.isEmpty();
            // Plural messages hold <numerusform>s; others hold their text.
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    m.translations << xml.readElementText();
                else if (xml.isCharacters())
                    text += xml.text();
            }
            if (m.translations.isEmpty())
                m.translations << text;
            messages << m;
        }
    }
    return messages;
}

QSet<QString> placeholders(const QString& text)
{
    static const QRegularExpression arg(QStringLiteral("%(\\d+|L?n)"));
    QSet<QString> found;
    for (auto it = arg.globalMatch(text); it.hasNext();)
        found << it.next().captured(1);
    return found;
}

// The languages with a catalogue in translations/ (kpdesk_<code>.ts).
QStringList catalogueLanguages()
{
    QStringList codes;
    const QDir dir(QStringLiteral(KPDESK_SOURCE_DIR "/translations"));
    for (const QString& file : dir.entryList({QStringLiteral("kpdesk_*.ts")}, QDir::Files, QDir::Name))
        codes << file.mid(7, file.size() - 10);
    return codes;
}

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateFromUserMachine(); }
    void cleanup() { Translation::install(QStringLiteral("en")); }

    void frenchIsBuiltIn()
    {
        QVERIFY(Translation::available().contains(QStringLiteral("fr")));
        QVERIFY(Translation::available().contains(QStringLiteral("en")));
    }

    void coreMessagesComeInTheChosenLanguage()
    {
        QCOMPARE(Translation::install(QStringLiteral("fr")), QStringLiteral("fr"));
        const auto notKp1 = Kp1::decode(u"HC1:ABC");
        QVERIFY(!notKp1);
        QCOMPARE(notKp1.error().message,
                 QStringLiteral("Ce n'est pas un code-barres KP1 (il ne commence pas par KP1:)."));
        const auto dangling = Base45::decode("ABC1");
        QVERIFY(!dangling);
        QVERIFY2(dangling.error().message.startsWith(QStringLiteral("Le texte Base45")),
                 qPrintable(dangling.error().message));
        // The check reasons' context, as the verifier asks for it.
        QCOMPARE(QCoreApplication::translate("kp::Checks", "Not revoked."), QStringLiteral("Non révoqué."));
        // Qt's own words (standard buttons) come in French too.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Annuler"));

        // Back to English: the catalogue is removed, not stacked.
        QCOMPARE(Translation::install(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(Kp1::decode(u"HC1:ABC").error().message,
                 QStringLiteral("Not a KP1 barcode (it does not start with KP1:)."));
    }

    void unknownLanguageFallsBackToEnglish()
    {
        QCOMPARE(Translation::install(QStringLiteral("xx")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("kp::Checks", "Not revoked."), QStringLiteral("Not revoked."));
    }

    void everyCatalogueIsBuiltIn()
    {
        const QStringList languages = Translation::available();
        for (const QString& code : catalogueLanguages())
            QVERIFY2(languages.contains(code), qPrintable(code));
        QVERIFY(catalogueLanguages().size() >= 6);
    }

    // Each language's own words come out, and Qt's too (qt6-translations-l10n).
    void eachLanguageIsUsed_data()
    {
        QTest::addColumn<QString>("code");
        for (const QString& code : catalogueLanguages())
            QTest::newRow(qPrintable(code)) << code;
    }
    void eachLanguageIsUsed()
    {
        QFETCH(QString, code);
        QCOMPARE(Translation::install(code), code);
        const QString reason = QCoreApplication::translate("kp::Checks", "Not revoked.");
        QVERIFY(!reason.isEmpty());
        QVERIFY2(reason != QStringLiteral("Not revoked."), qPrintable(reason));
        QVERIFY2(QCoreApplication::translate("QPlatformTheme", "Cancel") != QStringLiteral("Cancel"),
                 qPrintable(code));
    }

    // Every string the sources give tr() today has a finished translation in
    // every catalogue, with the same placeholders.
    void catalogueIsComplete_data()
    {
        QTest::addColumn<QString>("code");
        for (const QString& code : catalogueLanguages())
            QTest::newRow(qPrintable(code)) << code;
    }
    void catalogueIsComplete()
    {
        QFETCH(QString, code);
        QTemporaryDir dir;
        const QString name = QStringLiteral("kpdesk_%1.ts").arg(code);
        const QString ts = dir.filePath(name);
        QVERIFY(QFile::copy(QStringLiteral(KPDESK_SOURCE_DIR "/translations/") + name, ts));
        QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        const QDir src(QStringLiteral(KPDESK_SOURCE_DIR));
        lupdate.start(QStringLiteral(KPDESK_LUPDATE),
                      {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                       src.filePath(QStringLiteral("core")), src.filePath(QStringLiteral("ui")),
                       src.filePath(QStringLiteral("app")), QStringLiteral("-ts"), ts});
        QVERIFY2(lupdate.waitForFinished(60000), "lupdate did not finish");
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

        const QList<Message> messages = readCatalogue(ts);
        QVERIFY(messages.size() > 500);
        QStringList problems;
        for (const Message& m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source;
            if (!m.finished) {
                problems << QStringLiteral("untranslated or obsolete: ") + where;
                continue;
            }
            for (const QString& t : m.translations) {
                if (t.isEmpty())
                    problems << QStringLiteral("empty: ") + where;
                else if (placeholders(t) != placeholders(m.source) &&
                         placeholders(t) + QSet<QString>{QStringLiteral("Ln")} != placeholders(m.source))
                    problems << QStringLiteral("placeholders differ: ") + where;
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestTranslation)
#include "test_translation.moc"
