// The messages between the page's lab and its training worker, as bytes (byte_stream.h).
//
//   page → worker   data    the dataset (both splits) and the number of classes
//                   rebuild the settings: a fresh network from the seed
//                   live    the settings: lr, batch, epochs change on the running network
//                   adopt   the settings and a network's shape and weights (a loaded model)
//                   start, pause, step
//                   compare  "compare updates" for a budget of seconds per way
//                   search   start (a search spec's text) · cancel · use (a run's index)
//                   view     a timeline mark (−1: the present) · resume (continue from the mark shown)
//   worker → page   snapshot  everything the lab shows (snapshot.h), weights included
//
// Each message is described once, as a field list (wire.cpp) that the writer and the reader both
// walk: the writer puts each field, the reader gets it and checks it against the state it will be
// used with — sizes, indices, counts, ranges, finite floats, valid UTF-8 — before anything is
// applied. Settings travel in their link form and are read back through the settings table, so
// they are checked exactly like a typed link.
//
// No language travels: what the worker's engine refuses comes back in the snapshot as a keyed
// Message (its key in the string tables and its values, message.h), and the page makes the text
// in its own language when it shows it. A snapshot is the same bytes whatever either side's
// language.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/mlp.h"
#include "data/idx.h"
#include "lab/engine.h"
#include "lab/settings.h"
#include "lab/snapshot.h"

namespace nnlab::lab {

enum class Verb : char {
  data = 'd',
  rebuild = 'r',
  live = 'l',
  adopt = 'a',
  start = 's',
  pause = 'p',
  step = 'o',
  compare = 'c',
  search = 'h',
  cancel = 'x',
  use = 'u',
  view = 'v',
  resume = 'k',
};

// ---- page → worker ---------------------------------------------------------------------------
std::string data_message(std::string_view name, const IdxDataset& data, int classes);
std::string settings_message(Verb verb, const Settings& s, DataShape shape);  // rebuild | live
std::string adopt_message(const Mlp& model, const Settings& s, DataShape shape);
std::string plain_message(Verb verb);  // start | pause | step | cancel | resume
std::string compare_message(double budget_s);
std::string search_message(const SearchSpec& spec);
std::string index_message(Verb verb, int index);  // use (a run) | view (a mark, −1 = the present)

// The worker's side: one message applied to its engine. Returns an empty message or why it was
// refused (kept in the engine's snapshot as `refusal` too). Counted either way: the page counts
// what it sent. apply_message gives the refusal as text in the current language (the worker's
// console line).
Message apply_message_keyed(Engine& engine, std::string_view bytes);
std::string apply_message(Engine& engine, std::string_view bytes);

// ---- worker → page ---------------------------------------------------------------------------
// (shape: the data's, for the search runs' settings)
std::string snapshot_message(const Snapshot& s, DataShape shape = {});

// What a snapshot must fit on the page: the page's network (parameters), its test split and its
// classes.
struct SnapshotFit {
  size_t params = 0;
  size_t test_count = 0;
  int classes = 0;
  size_t running = 0;  // the network's batch-norm running averages
  int inputs = 784;    // the data's (for the search runs' settings)
};
// The page's side. False + why for anything malformed or not fitting; *out is untouched then.
bool read_snapshot(std::string_view bytes, const SnapshotFit& fit, Snapshot* out, Message* error);
bool read_snapshot(std::string_view bytes, const SnapshotFit& fit, Snapshot* out, std::string* error);

}  // namespace nnlab::lab
