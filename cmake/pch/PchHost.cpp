// The target that makes a precompiled header others reuse
// (cmake/KpDeskCommon.cmake); nothing links or runs it.
int main()
{
    return 0;
}
