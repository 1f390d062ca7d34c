#include "util/Translation.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>
#include <vector>

namespace kp {

namespace {

const QString CataloguePrefix = QStringLiteral(":/i18n/kpdesk_");

// Ours, then Qt's own (the standard buttons and dialogs: "Cancel", "Open").
std::vector<std::unique_ptr<QTranslator>>& installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

QString& currentLanguage()
{
    static QString language = QStringLiteral("en");
    return language;
}

void uninstallAll()
{
    for (const auto& t : installed())
        QCoreApplication::removeTranslator(t.get());
    installed().clear();
}

// English is the source language, so no catalogue gives its plural forms:
// the sources say "%Ln hour(s)" or "%Ln entry(ies)", and this makes it "1 hour"
// or "3 hours", "1 entry" or "2 entries".
// Installed first, so every other catalogue's own plurals come before it.
class EnglishPlurals : public QTranslator
{
public:
    QString translate(const char* context, const char* sourceText, const char* disambiguation,
                      int n) const override
    {
        Q_UNUSED(context)
        Q_UNUSED(disambiguation)
        if (n < 0 || sourceText == nullptr)
            return QString();
        QString text = QString::fromUtf8(sourceText);
        if (!text.contains(QLatin1String("%n")) && !text.contains(QLatin1String("%Ln")))
            return QString();
        const bool one = n == 1;
        // "entry(ies)": the y stays for one and becomes "ies" for more.
        const QString many =
            text.replace(QLatin1String("y(ies)"), one ? QStringLiteral("y") : QStringLiteral("ies"))
                .replace(QLatin1String("(s)"), one ? QString() : QStringLiteral("s"));
        return many == QString::fromUtf8(sourceText) ? QString() : many;
    }
    bool isEmpty() const override { return false; }
};

} // namespace

QStringList Translation::available()
{
    QStringList languages{QStringLiteral("en")};
    const QDir dir(QStringLiteral(":/i18n"));
    for (const QString& file : dir.entryList({QStringLiteral("kpdesk_*.qm")}, QDir::Files, QDir::Name))
        languages << file.mid(7, file.size() - 10); // kpdesk_<code>.qm
    return languages;
}

QString Translation::systemLanguage()
{
    return QLocale::system().name().section(QLatin1Char('_'), 0, 0);
}

QString Translation::install(const QString& language)
{
    uninstallAll();
    currentLanguage() = QStringLiteral("en");
    auto plurals = std::make_unique<EnglishPlurals>();
    QCoreApplication::installTranslator(plurals.get());
    installed().push_back(std::move(plurals));
    if (language.isEmpty() || language == QLatin1String("en"))
        return currentLanguage();
    auto ours = std::make_unique<QTranslator>();
    if (!ours->load(CataloguePrefix + language))
        return currentLanguage();
    QCoreApplication::installTranslator(ours.get());
    installed().push_back(std::move(ours));
    // Qt's catalogue comes with Debian's qt6-translations-l10n; without it
    // Qt's own few words stay in English.
    auto qt = std::make_unique<QTranslator>();
    // By locale, so that "pt" finds qtbase_pt_BR and "zh" qtbase_zh_CN.
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        installed().push_back(std::move(qt));
    }
    currentLanguage() = language;
    return language;
}

QString Translation::current()
{
    return currentLanguage();
}

} // namespace kp
