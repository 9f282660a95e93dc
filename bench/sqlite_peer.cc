// bench/sqlite_peer.cc: SQLite FTS5 (porter tokenizer) as the benchmark's second peer.
// `index DB FILE...`: JSON Lines (gzip ok) into an FTS5 table plus a metadata table (date,
// source). `query DB MIX REPEATS`: MATCH with a date filter, the top 10 by bm25, and GROUP BY
// counts for the date and source facets; prints JSON with latencies and match counts.
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>

#include "bench/json_lines.h"
#include "bench/query_mix.h"

namespace {

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

struct Statement {
  sqlite3_stmt* s = nullptr;
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(s); }
  void text(int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
};

int index(int argc, char** argv) {
  std::remove(argv[2]);
  sqlite3* db;
  sqlite3_open(argv[2], &db);
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  exec(db,
       "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, date TEXT, source TEXT, title TEXT, url TEXT);"
       "CREATE INDEX meta_date ON meta(date);"
       "CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize='porter unicode61');");
  // Statements are finalised (end of this scope) before sqlite3_close, or the close fails and
  // the write-ahead log is never merged into the database file.
  double seconds = 0;
  std::uint64_t articles = 0, bytes = 0;
  auto start = std::chrono::steady_clock::now();
  {
    Statement meta(db, "INSERT INTO meta(rowid, id, date, source, title, url) VALUES (?, ?, ?, ?, ?, ?)");
    Statement fts(db, "INSERT INTO fts(rowid, title, text) VALUES (?, ?, ?)");
    exec(db, "BEGIN");
    for (int i = 3; i < argc; ++i) {
      bench::for_each_json_line(argv[i], [&](const nlohmann::json& j, std::size_t line_bytes) {
        bytes += line_bytes;
        ++articles;
        sqlite3_bind_int64(meta.s, 1, static_cast<sqlite3_int64>(articles));
        meta.text(2, j["id"]);
        meta.text(3, j["date"].get<std::string>().substr(0, 10));
        meta.text(4, j.value("source", ""));
        meta.text(5, j.value("title", ""));
        meta.text(6, j.value("url", ""));
        sqlite3_step(meta.s);
        sqlite3_reset(meta.s);
        sqlite3_bind_int64(fts.s, 1, static_cast<sqlite3_int64>(articles));
        fts.text(2, j.value("title", ""));
        fts.text(3, j.value("text", ""));
        sqlite3_step(fts.s);
        sqlite3_reset(fts.s);
        if (articles % 5000 == 0) exec(db, "COMMIT; BEGIN");
      });
    }
    exec(db, "COMMIT");
  }
  sqlite3_close(db);
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << nlohmann::json{{"articles", articles}, {"bytes", bytes}, {"seconds", seconds}}.dump() << "\n";
  return 0;
}

int query(char** argv) {
  sqlite3* db;
  sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READONLY, nullptr);
  auto mix = bench::read_mix(argv[3]);
  int repeats = std::stoi(argv[4]);
  const char* where = "FROM fts JOIN meta m ON m.rowid = fts.rowid WHERE fts MATCH ?1 AND m.date BETWEEN ?2 AND ?3";
  Statement top(db, (std::string("SELECT m.id, m.title ") + where + " ORDER BY bm25(fts) LIMIT 10").c_str());
  Statement by_source(db, (std::string("SELECT m.source, count(*) ") + where + " GROUP BY m.source").c_str());
  Statement by_month(db, (std::string("SELECT substr(m.date, 1, 7), count(*) ") + where + " GROUP BY 1").c_str());
  std::vector<double> ms;
  nlohmann::json counts = nlohmann::json::array();
  for (int pass = -1; pass < repeats; ++pass) {
    for (const auto& q : mix) {
      auto t0 = std::chrono::steady_clock::now();
      std::uint64_t total = 0;
      for (Statement* s : {&top, &by_source, &by_month}) {
        s->text(1, q.text);
        s->text(2, q.from.empty() ? "0000" : q.from);
        s->text(3, q.to.empty() ? "9999" : q.to);
        while (sqlite3_step(s->s) == SQLITE_ROW)
          if (s == &by_source) total += static_cast<std::uint64_t>(sqlite3_column_int64(s->s, 1));
        sqlite3_reset(s->s);
      }
      double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (pass >= 0) ms.push_back(elapsed);
      if (pass == -1) counts.push_back({{"query", q.text}, {"matches", total}});
    }
  }
  sqlite3_close(db);
  bench::print_report(ms, counts);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 2 ? argv[1] : "";
  try {
    if (mode == "index" && argc >= 4) return index(argc, argv);
    if (mode == "query" && argc == 5) return query(argv);
  } catch (const std::exception& e) {
    std::cerr << "sqlite_peer: " << e.what() << "\n";
    return 2;
  }
  std::cerr << "usage: sqlite_peer index DB FILE... | query DB MIX REPEATS\n";
  return 1;
}
