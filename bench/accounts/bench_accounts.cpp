// The time of one password verification (scrypt) with the default
// parameters, and with its neighbours for comparison: median and worst of
// several runs. Sign-in must stay under 300 ms; the default aims at 50-250 ms.
// Usage: bench_accounts [--runs N] [--all]
#include "accounts/PasswordHash.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace kp;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    int runs = 15;
    const qsizetype at = args.indexOf(QStringLiteral("--runs"));
    if (at > 0 && at + 1 < args.size())
        runs = std::max(1, args.at(at + 1).toInt());

    std::vector<ScryptParams> candidates{ScryptParams::defaults()};
    if (args.contains(QStringLiteral("--all")))
        candidates = {{16384, 8, 1}, {32768, 8, 1}, {65536, 8, 1}, {131072, 8, 1}};

    const QString password = QStringLiteral("correct horse battery staple");
    for (const ScryptParams& params : candidates) {
        const auto stored = PasswordHash::hash(password, params);
        if (!stored) {
            std::fprintf(stderr, "%s\n", qPrintable(stored.error().message));
            return 1;
        }
        std::vector<double> ms;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            if (!PasswordHash::verify(password, *stored).ok())
                return 1;
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        std::printf("scrypt N=%llu r=%u p=%u (%llu MiB)%s: verify median %.0f ms, min %.0f ms, max %.0f ms "
                    "(%d runs)\n",
                    static_cast<unsigned long long>(params.n), params.r, params.p,
                    static_cast<unsigned long long>(params.memoryBytes() >> 20),
                    params == ScryptParams::defaults() ? " [default]" : "", ms[ms.size() / 2], ms.front(),
                    ms.back(), runs);
    }
    return 0;
}
