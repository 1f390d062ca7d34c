#pragma once

// Internal to the cache module: the schema's migrations, one list of SQL
// statements per version. Version N's list turns a version N-1 file into N.

#include <QList>
#include <QStringList>

namespace kp::schema {

inline QList<QStringList> migrations()
{
    return {
        // 1: the first schema.
        {
            QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)"),
            QStringLiteral("CREATE TABLE bundle_keys(sha256 BLOB PRIMARY KEY, der BLOB NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE participants(c TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT, "
                "st TEXT NOT NULL, name TEXT, note TEXT, PRIMARY KEY(c, from_date)) WITHOUT ROWID"),
            QStringLiteral(
                "CREATE TABLE cas(sha256 BLOB PRIMARY KEY, subject_c TEXT NOT NULL, der BLOB NOT NULL, "
                "revoked TEXT)"),
            QStringLiteral("CREATE INDEX cas_by_country ON cas(subject_c)"),
            QStringLiteral("CREATE TABLE signers(kid BLOB NOT NULL, sha256 BLOB NOT NULL, der BLOB NOT NULL, "
                           "revoked TEXT, why TEXT, PRIMARY KEY(kid, sha256))"),
            QStringLiteral("CREATE TABLE certs(no TEXT PRIMARY KEY, iss TEXT NOT NULL, di TEXT NOT NULL, "
                           "cose BLOB NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE revoked(no TEXT PRIMARY KEY, st TEXT NOT NULL, at TEXT, by TEXT, note TEXT)"),
            QStringLiteral("CREATE TABLE rules(key TEXT PRIMARY KEY, val BLOB NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE presentations(id INTEGER PRIMARY KEY, no TEXT NOT NULL, at TEXT NOT NULL, "
                "verdict TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX presentations_by_no ON presentations(no)"),
        },
        // 2: the desk's cases: inspections as they were seen, flags of
        // reasonable doubt and their attachments (core/cases).
        {
            QStringLiteral(
                "CREATE TABLE inspections(id INTEGER PRIMARY KEY, at TEXT NOT NULL, officer TEXT NOT NULL, "
                "no TEXT, verdict TEXT NOT NULL, final_verdict TEXT NOT NULL, inspection_json TEXT NOT NULL, "
                "physical_json TEXT, image BLOB)"),
            QStringLiteral("CREATE INDEX inspections_by_at ON inspections(at)"),
            QStringLiteral(
                "CREATE TABLE flags(id INTEGER PRIMARY KEY, inspection_id INTEGER NOT NULL "
                "REFERENCES inspections(id), at TEXT NOT NULL, officer TEXT NOT NULL, reasons TEXT NOT NULL, "
                "notes TEXT, held INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open')"),
            QStringLiteral("CREATE INDEX flags_by_inspection ON flags(inspection_id)"),
            QStringLiteral("CREATE TABLE attachments(id INTEGER PRIMARY KEY, flag_id INTEGER NOT NULL "
                           "REFERENCES flags(id), name TEXT NOT NULL, data BLOB NOT NULL)"),
            QStringLiteral("CREATE INDEX attachments_by_flag ON attachments(flag_id)"),
        },
        // 3: a `certs` record is stored when it merely parses (kp-sync.md):
        // iss and di are what the record states, or null; and `contacts`.
        {
            QStringLiteral(
                "CREATE TABLE certs_v3(no TEXT PRIMARY KEY, iss TEXT, di TEXT, cose BLOB NOT NULL)"),
            QStringLiteral("INSERT INTO certs_v3(no, iss, di, cose) SELECT no, iss, di, cose FROM certs"),
            QStringLiteral("DROP TABLE certs"),
            QStringLiteral("ALTER TABLE certs_v3 RENAME TO certs"),
            QStringLiteral("CREATE TABLE contacts(c TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL, "
                           "email TEXT, phone TEXT, addr TEXT, PRIMARY KEY(c, role)) WITHOUT ROWID"),
        },
        // 4: the records of the supervisors' issue (core/records, docs/records.md):
        // accounts, cases with their append-only events and attachments, the
        // audit trail; inspections gain a UUID, the signed-in account and the
        // certificate's participant. case_events, event_attachments and audit
        // are append-only: triggers refuse UPDATE and DELETE (a tamperer who
        // drops them is caught by `kpdesk-cli audit verify`). The columns of
        // `cases` other than id, inspection_id, opened_at and desk are an index
        // of its events (state, held, ...), rewritten by the records door.
        {
            QStringLiteral(
                "CREATE TABLE accounts(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, "
                "role TEXT NOT NULL, password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, "
                "failures INTEGER NOT NULL DEFAULT 0, locked_until TEXT, lock_count INTEGER NOT NULL DEFAULT "
                "0, "
                "created_at TEXT NOT NULL)"),
            QStringLiteral("ALTER TABLE inspections ADD COLUMN uuid TEXT"),
            QStringLiteral("ALTER TABLE inspections ADD COLUMN officer_id TEXT"),
            QStringLiteral("ALTER TABLE inspections ADD COLUMN participant TEXT"),
            QStringLiteral("CREATE UNIQUE INDEX inspections_by_uuid ON inspections(uuid)"),
            QStringLiteral("CREATE INDEX inspections_by_no ON inspections(no)"),
            QStringLiteral("CREATE INDEX inspections_by_officer ON inspections(officer, at)"),
            QStringLiteral(
                "CREATE TABLE cases(id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL, opened_at TEXT NOT "
                "NULL, "
                "desk TEXT NOT NULL, state TEXT NOT NULL, held INTEGER NOT NULL, flagged_by TEXT NOT NULL, "
                "number TEXT, participant TEXT, reasons TEXT, updated_at TEXT NOT NULL, events INTEGER NOT "
                "NULL)"),
            QStringLiteral("CREATE INDEX cases_queue ON cases(held DESC, opened_at, id)"),
            QStringLiteral("CREATE INDEX cases_by_state ON cases(state, held DESC, opened_at, id)"),
            QStringLiteral("CREATE INDEX cases_by_inspection ON cases(inspection_id)"),
            QStringLiteral(
                "CREATE TABLE case_events(id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
                "seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, actor_id TEXT, kind TEXT NOT "
                "NULL, "
                "data TEXT NOT NULL, UNIQUE(case_id, seq))"),
            QStringLiteral("CREATE TABLE event_attachments(id TEXT PRIMARY KEY, event_id TEXT NOT NULL "
                           "REFERENCES case_events(id), name TEXT NOT NULL, sha256 TEXT NOT NULL, size "
                           "INTEGER NOT NULL, "
                           "data BLOB NOT NULL)"),
            QStringLiteral("CREATE INDEX event_attachments_by_event ON event_attachments(event_id)"),
            QStringLiteral(
                "CREATE TABLE audit(n INTEGER PRIMARY KEY, entry BLOB NOT NULL, hash BLOB NOT NULL)"),
            QStringLiteral("CREATE TRIGGER case_events_append_only_u BEFORE UPDATE ON case_events "
                           "BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END"),
            QStringLiteral("CREATE TRIGGER case_events_append_only_d BEFORE DELETE ON case_events "
                           "BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END"),
            QStringLiteral(
                "CREATE TRIGGER event_attachments_append_only_u BEFORE UPDATE ON event_attachments "
                "BEGIN SELECT RAISE(ABORT, 'attachments are append-only'); END"),
            QStringLiteral(
                "CREATE TRIGGER event_attachments_append_only_d BEFORE DELETE ON event_attachments "
                "BEGIN SELECT RAISE(ABORT, 'attachments are append-only'); END"),
            QStringLiteral("CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit "
                           "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"),
            QStringLiteral("CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit "
                           "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"),
        },
        // 5: the outbox (kp-outbox.md, docs/outbox.md): messages to the home
        // authority. A message's bytes never change and no message is ever
        // deleted; only the delivery columns are updated.
        {
            QStringLiteral(
                "CREATE TABLE outbox(id TEXT PRIMARY KEY, n INTEGER NOT NULL UNIQUE, kind TEXT NOT NULL, "
                "file_name TEXT NOT NULL, bytes BLOB NOT NULL, pdf BLOB, case_id TEXT, inspection_id TEXT, "
                "number TEXT, made_at TEXT NOT NULL, handed_over_at TEXT, handed_over_to TEXT, delivered_at "
                "TEXT, delivered_to TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_attempt_at TEXT, "
                "last_error TEXT)"),
            QStringLiteral("CREATE INDEX outbox_waiting ON outbox(delivered_at, handed_over_at, n)"),
            QStringLiteral("CREATE TRIGGER outbox_kept BEFORE DELETE ON outbox "
                           "BEGIN SELECT RAISE(ABORT, 'nothing is deleted from the outbox'); END"),
            QStringLiteral(
                "CREATE TRIGGER outbox_sealed BEFORE UPDATE OF id, n, kind, file_name, bytes, pdf, "
                "case_id, inspection_id, number, made_at ON outbox "
                "BEGIN SELECT RAISE(ABORT, 'a message is never changed'); END"),
        },
        // 6: finding past inspections (ui/InspectionSearch, `kpdesk-cli inspections`)
        // on a desk of a million: each filter has an index that also gives the
        // newest-first order, so a page is read without sorting every match.
        // The officer is matched ignoring case, so its index is NOCASE too.
        {
            QStringLiteral("DROP INDEX inspections_by_officer"),
            QStringLiteral("CREATE INDEX inspections_by_officer ON inspections(officer COLLATE NOCASE, at)"),
            QStringLiteral("CREATE INDEX inspections_by_participant ON inspections(participant, at)"),
            QStringLiteral("CREATE INDEX inspections_by_verdict ON inspections(final_verdict, at)"),
        },
        // 7: the shipments released at this desk (checks.md `duplicate`: a
        // release is a presentation, a scan is not). `seen_at` is the time of
        // the inspection released, so verifying that inspection again does
        // not take its own release for a re-use. Releases by a supervisor's
        // decision are taken from the cases; an officer's earlier releases
        // are only in the trail and are not known here.
        {
            QStringLiteral(
                "CREATE TABLE releases(id INTEGER PRIMARY KEY, no TEXT NOT NULL, at TEXT NOT NULL, "
                "inspection TEXT, seen_at TEXT, how TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX releases_by_no ON releases(no)"),
            QStringLiteral(
                "INSERT INTO releases(no, at, inspection, seen_at, how) "
                "SELECT c.number, e.at, c.inspection_id, i.at, 'decision' FROM case_events e "
                "JOIN cases c ON c.id = e.case_id LEFT JOIN inspections i ON i.uuid = c.inspection_id "
                "WHERE e.kind = 'decision' AND e.data LIKE '%\"outcome\":\"released\"%' "
                "AND c.number IS NOT NULL AND c.number <> '' ORDER BY e.at"),
        },
        // 8: the office (core/office, docs/office.md). What this desk made
        // waits in office_queue until the office holds it: triggers queue
        // every inspection (again when its physical check is recorded), case
        // of this desk, event made here and audit entry, in the transaction
        // that writes it, so nothing can be written without being queued.
        // Cases and events of other desks, pulled from the office, carry
        // their desk (cases.desk is the desk's id; desk_name its name;
        // case_events.origin the id of the desk that made the event, NULL
        // for this desk) and are never queued.
        {
            QStringLiteral("ALTER TABLE cases ADD COLUMN desk_name TEXT"),
            QStringLiteral("ALTER TABLE case_events ADD COLUMN origin TEXT"),
            QStringLiteral(
                "CREATE TABLE office_queue(n INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, "
                "ref TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'inspection', uuid FROM inspections "
                           "WHERE uuid IS NOT NULL ORDER BY id"),
            QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'case', id FROM cases ORDER BY rowid"),
            QStringLiteral(
                "INSERT INTO office_queue(kind, ref) SELECT 'event', id FROM case_events ORDER BY rowid"),
            QStringLiteral("INSERT INTO office_queue(kind, ref) SELECT 'audit', n FROM audit ORDER BY n"),
            QStringLiteral("CREATE TRIGGER office_queue_inspection AFTER INSERT ON inspections "
                           "WHEN NEW.uuid IS NOT NULL BEGIN "
                           "INSERT INTO office_queue(kind, ref) VALUES('inspection', NEW.uuid); END"),
            QStringLiteral("CREATE TRIGGER office_queue_inspection_u AFTER UPDATE OF uuid, physical_json "
                           "ON inspections WHEN NEW.uuid IS NOT NULL BEGIN "
                           "INSERT INTO office_queue(kind, ref) VALUES('inspection', NEW.uuid); END"),
            QStringLiteral("CREATE TRIGGER office_queue_case AFTER INSERT ON cases "
                           "WHEN NEW.desk_name IS NULL BEGIN "
                           "INSERT INTO office_queue(kind, ref) VALUES('case', NEW.id); END"),
            QStringLiteral("CREATE TRIGGER office_queue_event AFTER INSERT ON case_events "
                           "WHEN NEW.origin IS NULL BEGIN "
                           "INSERT INTO office_queue(kind, ref) VALUES('event', NEW.id); END"),
            QStringLiteral("CREATE TRIGGER office_queue_audit AFTER INSERT ON audit BEGIN "
                           "INSERT INTO office_queue(kind, ref) VALUES('audit', NEW.n); END"),
        },
        // 9: rows of the office this desk does not trust (issue 19,
        // docs/office.md "What a desk trusts"): a pulled row that fails its
        // checks, or an entry of this desk's trail whose place at the office
        // another row holds, is set aside here with the reason; replication
        // goes on. office_signers binds each office desk id to the desk
        // certificate's name (CN) that first signed for it.
        {
            QStringLiteral(
                "CREATE TABLE office_set_aside(n INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, "
                "ref TEXT NOT NULL, desk_id TEXT, code TEXT NOT NULL, reason TEXT NOT NULL, "
                "at TEXT NOT NULL, UNIQUE(kind, ref))"),
            QStringLiteral("CREATE TABLE office_signers(desk_id TEXT PRIMARY KEY, signer TEXT NOT NULL)"),
        },
        // 10: a certificate is released once (issue 18 item 4): the partial
        // unique index refuses a second release of a number, whoever writes.
        // Releases keep who released (`released_by`). A desk that released a
        // number twice before (two releases at once could) keeps the earliest
        // as the one that stands; each later one stays, as the event it was,
        // marked `duplicate_of` that release with the reason in `duplicate_note`.
        {
            QStringLiteral("ALTER TABLE releases ADD COLUMN released_by TEXT"),
            QStringLiteral("ALTER TABLE releases ADD COLUMN duplicate_of INTEGER"),
            QStringLiteral("ALTER TABLE releases ADD COLUMN duplicate_note TEXT"),
            QStringLiteral(
                "UPDATE releases SET duplicate_of = (SELECT f.id FROM releases f WHERE f.no = releases.no "
                "ORDER BY f.at, f.id LIMIT 1), duplicate_note = 'released again before a certificate could "
                "be released only once (schema 10): the earliest release stands' "
                "WHERE id <> (SELECT f.id FROM releases f WHERE f.no = releases.no ORDER BY f.at, f.id "
                "LIMIT 1)"),
            QStringLiteral("CREATE UNIQUE INDEX releases_once ON releases(no) WHERE duplicate_of IS NULL"),
        },
        // 11 (issue 19 item 10): a password set by someone else (an
        // administrator's `users passwd`) must be changed by its owner before
        // the account does anything.
        {
            QStringLiteral("ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0"),
        },
        // 12 (issue 21 item 4): a recorded physical check is corrected by a
        // new entry, never changed in place: each correction keeps what it
        // replaced (the inspection's columns hold the check that stands).
        {
            QStringLiteral(
                "CREATE TABLE inspection_corrections(uuid TEXT PRIMARY KEY, inspection TEXT NOT NULL, "
                "at TEXT NOT NULL, officer TEXT NOT NULL, officer_id TEXT, reason TEXT NOT NULL, "
                "previous_json TEXT NOT NULL, previous_verdict TEXT NOT NULL, physical_json TEXT NOT NULL, "
                "final_verdict TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX inspection_corrections_by_inspection ON "
                           "inspection_corrections(inspection, at)"),
            QStringLiteral(
                "CREATE TRIGGER inspection_corrections_append_only_u BEFORE UPDATE ON "
                "inspection_corrections BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END"),
            QStringLiteral(
                "CREATE TRIGGER inspection_corrections_append_only_d BEFORE DELETE ON "
                "inspection_corrections BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END"),
        },
        // 13 (issue 19 item 1): the home authority's list of the desk
        // certificates it issued and revoked (kp-sync.md part `desks`).
        {
            QStringLiteral("CREATE TABLE desks(sha256 BLOB PRIMARY KEY, desk TEXT NOT NULL, revoked TEXT)"),
        },
    };
}

// The tables a full snapshot replaces.
inline QStringList authorityTables()
{
    return {QStringLiteral("participants"), QStringLiteral("cas"),     QStringLiteral("signers"),
            QStringLiteral("certs"),        QStringLiteral("revoked"), QStringLiteral("rules"),
            QStringLiteral("contacts"),     QStringLiteral("desks")};
}

// The tables verification reads, each checked by CacheDatabase::checkHealth.
inline QStringList checkedTables()
{
    return {QStringLiteral("meta"),    QStringLiteral("participants"),  QStringLiteral("cas"),
            QStringLiteral("signers"), QStringLiteral("certs"),         QStringLiteral("revoked"),
            QStringLiteral("rules"),   QStringLiteral("presentations"), QStringLiteral("releases")};
}

// The tables a verdict depends on whose damage could turn a REJECT or a
// DOUBT into an ACCEPT: a revocation, a ban, a release, a suspension or the
// sync state that a damaged index hides. SQLite's quick_check does not
// compare indexes with their tables; integrity_check(table) does, and these
// tables are small. (certs is large and is checked by the Full check: a
// damaged certs index can only hide a record, which fails or warns
// `registry`.)
inline QStringList verdictTables()
{
    return {QStringLiteral("meta"),    QStringLiteral("participants"), QStringLiteral("cas"),
            QStringLiteral("signers"), QStringLiteral("revoked"),      QStringLiteral("rules"),
            QStringLiteral("releases")};
}

// The meta keys that are sync state (CacheWriter::setSyncState), not desk
// configuration: a repair drops them, so the next sync takes a full bundle.
inline QStringList syncStateKeys()
{
    return {QStringLiteral("seq"),         QStringLiteral("publisher"),    QStringLiteral("published_at"),
            QStringLiteral("fresh_until"), QStringLiteral("last_success"), QStringLiteral("last_attempt"),
            QStringLiteral("last_error")};
}

} // namespace kp::schema
