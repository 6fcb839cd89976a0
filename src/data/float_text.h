// Floats as text that reads back bit-exactly: the shortest of %.6g … %.9g that survives the trip
// text → double (strtod, as JSON parsers read numbers) → float. 0.8f prints as "0.8", not
// "0.800000011920929"; 1e6f as "1e6" (never "1e+06": a link would read the + as a space);
// −0 prints as "-0.0" (JSON readers take "-0" for the integer 0). Non-finite values have no JSON form: callers reject
// them first.
#pragma once
#include <string>

namespace nnlab {

// Writes the shortest round-tripping text of a finite float into buf (≥ 32 bytes); returns its length.
int format_float(float v, char* buf);
std::string float_to_text(float v);

// The double whose shortest text equals float_to_text(v): hand it to a JSON writer that prints
// doubles shortest-first (nlohmann::json) to get the float's short form in the output.
double float_for_json(float v);

}  // namespace nnlab
