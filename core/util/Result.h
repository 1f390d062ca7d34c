#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace kp {

// An error at a module edge: a stable code for programs and tests, and a
// message for people (already translated where it is user-visible).
struct Error
{
    QString code;
    QString message;
};

inline Error makeError(QString code, QString message)
{
    return Error{std::move(code), std::move(message)};
}

// A value or an Error, like std::expected (which GCC 12 lacks).
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_value(std::move(error)) {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_value); }
    T& value() & { return std::get<0>(m_value); }
    T&& value() && { return std::get<0>(std::move(m_value)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    const Error& error() const { return std::get<1>(m_value); }

private:
    std::variant<T, Error> m_value;
};

// A Result that carries no value: success or an Error.
using Status = Result<std::monostate>;

inline Status success()
{
    return Status(std::monostate{});
}

} // namespace kp
