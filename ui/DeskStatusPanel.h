#pragma once

// Always visible: the desk's participant, the cache's seq and age, a stale
// warning once the bundle's `fresh` time has passed, DEMO when it is one,
// and "Sync now".

#include "cache/CacheTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace kp::ui {

class DeskStatusPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DeskStatusPanel(QWidget* parent = nullptr);

    void update(const QString& participant, const SyncState& state, const QDateTime& now, bool demo);
    bool staleShown() const;
    QPushButton* syncButton() const { return m_sync; }
    QString summary() const;

private:
    QLabel* m_demo;
    QLabel* m_desk;
    QLabel* m_stale;
    QPushButton* m_sync;
};

} // namespace kp::ui
