#pragma once

// Arabic letters join. Qt draws a mnemonic's underline by shaping the
// underlined letter apart from its word, so "&كلمة المرور:" showed an
// isolated ك, and ran wider than the label had measured: its colon was cut
// off (seen under Xvfb on the sign-in page). In a language whose letters
// join (Arabic script) the style draws no mnemonic underline: the text stays
// joined and as wide as measured; Alt+letter works as before. Installed on
// the application by WindowHost::applyLanguage; follows the default QLocale.

#include <QProxyStyle>

namespace kp::ui {

class JoinedMnemonics : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    int styleHint(StyleHint hint, const QStyleOption* option = nullptr, const QWidget* widget = nullptr,
                  QStyleHintReturn* returnData = nullptr) const override;

    // Whether the default locale's letters join (no underlined mnemonics).
    static bool lettersJoin();
    // Wraps the application's style once (a no-op when it is wrapped already).
    static void install();
};

} // namespace kp::ui
