#pragma once

// A TCP forwarder on 127.0.0.1 that a test controls, to cut the network
// between a client and a server mid-conversation (the office's tests): it
// forwards, or becomes a black hole (reads and forwards nothing, closes
// nothing: no FIN, no RST, as a dead link or a deaf middlebox), or resets
// every connection (RST both ways). It runs on its own thread, so the client
// may block in the test's thread.

#include <QByteArray>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace kp::test {

class TcpProxy
{
public:
    enum class Mode { Forward, BlackHole, Reset };

    explicit TcpProxy(quint16 targetPort);
    ~TcpProxy();
    TcpProxy(const TcpProxy&) = delete;
    TcpProxy& operator=(const TcpProxy&) = delete;

    bool listening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    // Now. Back to Forward, held connections resume where they stopped.
    void setMode(Mode mode);
    // Client to server: forward `bytes` more, then switch to `mode`.
    void switchAfter(qint64 bytes, Mode mode);
    // Client to server: at the next data holding `pattern`, forward up to its
    // middle (cut within that message) or the whole read (the message went
    // through, its answer is lost), then switch to `mode`.
    enum class Cut { Within, After };
    void switchOn(const QByteArray& pattern, Cut where, Mode mode);
    Mode mode() const;

private:
    struct Pair
    {
        int client = -1;
        int server = -1; // -1: accepted while a black hole, never connected
    };
    void run();
    void accept();
    bool forward(Pair& pair, bool fromClient);
    void resetAll();

    quint16 m_target;
    quint16 m_port = 0;
    int m_listen = -1;
    std::vector<Pair> m_pairs; // the proxy's thread only
    mutable std::mutex m_mutex;
    Mode m_mode = Mode::Forward;
    qint64 m_budget = -1; // client-to-server bytes before m_then; -1 none
    Mode m_then = Mode::Forward;
    QByteArray m_pattern;
    Cut m_cut = Cut::Within;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace kp::test
