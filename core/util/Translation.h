#pragma once

#include <QString>
#include <QStringList>

namespace kp {

// The catalogues built from translations/*.ts and compiled into core, shared
// by the window and the command line.
class Translation
{
public:
    // Languages with a catalogue, plus English (the source language).
    static QStringList available();
    // The system's language (LC_ALL, LC_MESSAGES, LANG) as a two-letter code.
    static QString systemLanguage();
    // Makes `language` the application's language; English or an unknown
    // code removes any catalogue installed before. Returns the language in use.
    static QString install(const QString& language);
    // The language installed last ("en" when none).
    static QString current();
};

} // namespace kp
