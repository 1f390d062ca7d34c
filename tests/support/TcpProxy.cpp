#include "TcpProxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace kp::test {

namespace {

void resetClose(int fd)
{
    if (fd < 0)
        return;
    const linger hard{1, 0}; // close with RST, not FIN
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    ::close(fd);
}

sockaddr_in loopback(quint16 port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

} // namespace

TcpProxy::TcpProxy(quint16 targetPort) : m_target(targetPort)
{
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback(0);
    socklen_t size = sizeof a;
    if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(m_listen, 16) != 0 || ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &size) != 0)
        return;
    m_port = ntohs(a.sin_port);
    m_thread = std::thread([this] { run(); });
}

TcpProxy::~TcpProxy()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    for (const Pair& p : m_pairs) {
        ::close(p.client);
        if (p.server >= 0)
            ::close(p.server);
    }
    if (m_listen >= 0)
        ::close(m_listen);
}

void TcpProxy::setMode(Mode mode)
{
    std::lock_guard lock(m_mutex);
    m_mode = mode;
    m_budget = -1;
}

void TcpProxy::switchAfter(qint64 bytes, Mode mode)
{
    std::lock_guard lock(m_mutex);
    m_budget = bytes;
    m_then = mode;
}

void TcpProxy::switchOn(const QByteArray& pattern, Cut where, Mode mode)
{
    std::lock_guard lock(m_mutex);
    m_pattern = pattern;
    m_cut = where;
    m_then = mode;
}

TcpProxy::Mode TcpProxy::mode() const
{
    std::lock_guard lock(m_mutex);
    return m_mode;
}

void TcpProxy::resetAll()
{
    for (const Pair& p : m_pairs) {
        resetClose(p.client);
        resetClose(p.server);
    }
    m_pairs.clear();
}

void TcpProxy::accept()
{
    const int client = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0)
        return;
    const Mode mode = this->mode();
    if (mode == Mode::Reset) {
        resetClose(client);
        return;
    }
    Pair p{client, -1};
    if (mode == Mode::Forward) {
        p.server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const sockaddr_in a = loopback(m_target);
        if (p.server < 0 || ::connect(p.server, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
            resetClose(client);
            if (p.server >= 0)
                ::close(p.server);
            return;
        }
    }
    m_pairs.push_back(p);
}

// One read from a side and its write to the other; false when that connection ended.
bool TcpProxy::forward(Pair& pair, bool fromClient)
{
    char buffer[16384];
    size_t want = sizeof buffer;
    {
        std::lock_guard lock(m_mutex);
        if (fromClient && m_budget >= 0)
            want = size_t(std::min<qint64>(m_budget, qint64(sizeof buffer)));
    }
    if (want == 0)
        return true;
    const int from = fromClient ? pair.client : pair.server;
    const int to = fromClient ? pair.server : pair.client;
    ssize_t n = ::recv(from, buffer, want, 0);
    if (n <= 0)
        return false;
    bool switchNow = false;
    if (fromClient) {
        std::lock_guard lock(m_mutex);
        const qsizetype at = m_pattern.isEmpty() ? -1 : QByteArray::fromRawData(buffer, n).indexOf(m_pattern);
        if (at >= 0) {
            if (m_cut == Cut::Within)
                n = at + m_pattern.size() / 2; // the rest is read and dropped: the link is dead
            m_pattern.clear();
            switchNow = true;
        }
    }
    for (ssize_t sent = 0; sent < n;) {
        const ssize_t w = ::send(to, buffer + sent, size_t(n - sent), MSG_NOSIGNAL);
        if (w <= 0)
            return false;
        sent += w;
    }
    if (fromClient) {
        std::lock_guard lock(m_mutex);
        if (switchNow) {
            m_mode = m_then;
            m_budget = -1;
        } else if (m_budget >= 0 && (m_budget -= n) == 0) {
            m_mode = m_then;
            m_budget = -1;
        }
    }
    return true;
}

void TcpProxy::run()
{
    while (!m_stop) {
        const Mode mode = this->mode();
        if (mode == Mode::Reset)
            resetAll();
        if (mode == Mode::Forward) // connections held while a black hole never reached the server
            m_pairs.erase(std::remove_if(m_pairs.begin(), m_pairs.end(),
                                         [](const Pair& p) {
                                             if (p.server >= 0)
                                                 return false;
                                             ::close(p.client);
                                             return true;
                                         }),
                          m_pairs.end());
        std::vector<pollfd> fds{{m_listen, POLLIN, 0}};
        if (mode == Mode::Forward)
            for (const Pair& p : m_pairs) {
                fds.push_back({p.client, POLLIN, 0});
                fds.push_back({p.server, POLLIN, 0});
            }
        if (::poll(fds.data(), fds.size(), 50) <= 0)
            continue;
        if (fds[0].revents & POLLIN)
            accept();
        std::vector<Pair> kept;
        for (size_t i = 0; i < m_pairs.size(); ++i) {
            Pair& p = m_pairs[i];
            bool open = true;
            if (mode == Mode::Forward && 2 + 2 * i < fds.size()) {
                if (fds[1 + 2 * i].revents & (POLLIN | POLLHUP | POLLERR))
                    open = forward(p, true);
                if (open && (fds[2 + 2 * i].revents & (POLLIN | POLLHUP | POLLERR)))
                    open = forward(p, false);
            }
            if (open) {
                kept.push_back(p);
            } else {
                ::close(p.client);
                ::close(p.server);
            }
        }
        m_pairs = std::move(kept);
    }
}

} // namespace kp::test
