#include "util/Translation.h"

#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace kp {

namespace {

const QString CataloguePrefix = QStringLiteral(":/i18n/kpdesk_");

QTranslator*& installed()
{
    static QTranslator* translator = nullptr;
    return translator;
}

QString& currentLanguage()
{
    static QString language = QStringLiteral("en");
    return language;
}

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
    QTranslator*& current = installed();
    if (current) {
        QCoreApplication::removeTranslator(current);
        delete current;
        current = nullptr;
    }
    currentLanguage() = QStringLiteral("en");
    if (language.isEmpty() || language == QLatin1String("en"))
        return currentLanguage();
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(CataloguePrefix + language))
        return currentLanguage();
    current = translator.release();
    QCoreApplication::installTranslator(current);
    currentLanguage() = language;
    return language;
}

QString Translation::current()
{
    return currentLanguage();
}

} // namespace kp
