// What the unit tests' host (platform_stubs.cpp) keeps: the files the app saved, in memory.
#pragma once
#include <map>
#include <string>

namespace nnlab::test {
std::map<std::string, std::string>& saved_files();  // file name → contents
}  // namespace nnlab::test
