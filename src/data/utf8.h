// The UTF-8 checks live with the texts they protect (text/utf8.h); data code includes them here.
#pragma once
#include "text/utf8.h"
