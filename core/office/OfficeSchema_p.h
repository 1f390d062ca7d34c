#pragma once

// Internal to the office module: the office database's migrations, one list
// of SQL statements per version, as for the desk's SQLite file
// (cache/Schema_p.h). Version N's list turns a version N-1 database into N.
// The version is office_meta's 'schema_version'.
//
// Every table is a union of what the desks made: rows are inserted once,
// keyed by their UUID (or desk and number for the trail), and never deleted.
// `oseq` numbers rows in the order the office committed them (pushes take
// one advisory lock, so a reader never sees a later number before an
// earlier one): a desk pulls what came after the last number it saw.

#include <QList>
#include <QStringList>

namespace kp::officeschema {

// The advisory lock every push holds until it commits.
constexpr qint64 PushLock = 0x6b70646b; // "kpdk"

inline QList<QStringList> migrations()
{
    return {
        // 1: desks, inspections, cases, case events and their attachments, audit trails.
        {
            QStringLiteral("CREATE TABLE desks(id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                           "last_push TIMESTAMPTZ)"),
            QStringLiteral(
                "CREATE TABLE inspections(oseq BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, desk_id TEXT NOT NULL, "
                "at TEXT NOT NULL, officer TEXT NOT NULL, officer_id TEXT, number TEXT, participant TEXT, "
                "verdict TEXT NOT NULL, final_verdict TEXT NOT NULL, physical_json TEXT, "
                "inspection_json TEXT NOT NULL, image BYTEA)"),
            QStringLiteral("CREATE INDEX inspections_by_desk ON inspections(desk_id)"),
            QStringLiteral(
                "CREATE TABLE cases(oseq BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, desk_id TEXT NOT NULL, "
                "inspection_id TEXT NOT NULL, opened_at TEXT NOT NULL, number TEXT, participant TEXT)"),
            QStringLiteral("CREATE INDEX cases_by_desk ON cases(desk_id)"),
            QStringLiteral(
                "CREATE TABLE case_events(oseq BIGSERIAL UNIQUE, id TEXT PRIMARY KEY, case_id TEXT NOT NULL, "
                "desk_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, "
                "actor_id TEXT, kind TEXT NOT NULL, data TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX case_events_by_case ON case_events(case_id)"),
            QStringLiteral("CREATE INDEX case_events_by_desk ON case_events(desk_id)"),
            QStringLiteral("CREATE TABLE event_attachments(id TEXT PRIMARY KEY, event_id TEXT NOT NULL, "
                           "name TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL, "
                           "data BYTEA NOT NULL)"),
            QStringLiteral("CREATE INDEX event_attachments_by_event ON event_attachments(event_id)"),
            QStringLiteral(
                "CREATE TABLE audit(desk_id TEXT NOT NULL, n BIGINT NOT NULL, entry BYTEA NOT NULL, "
                "hash BYTEA NOT NULL, PRIMARY KEY(desk_id, n))"),
        },
        // 2 (issue 19): signed case events (office/EventSignature): the actor's
        // role at the desk that made the event, that desk's certificate (DER)
        // and its signature; rows without them are kept but applied by no
        // desk. And row-level security, below.
        {
            QStringLiteral("ALTER TABLE case_events ADD COLUMN role TEXT"),
            QStringLiteral("ALTER TABLE case_events ADD COLUMN signer BYTEA"),
            QStringLiteral("ALTER TABLE case_events ADD COLUMN sig BYTEA"),
            // The second wall (packaging/office.md): a login role writes only
            // rows of the desks it owns and changes no other desk's. The
            // owner of a desk id is the role that first wrote it (or the one
            // the administrator set); the tables' owner and superusers are
            // not bound by these policies, which is why desks check signatures.
            QStringLiteral("ALTER TABLE desks ADD COLUMN owner NAME NOT NULL DEFAULT current_user"),
            QStringLiteral("ALTER TABLE desks ENABLE ROW LEVEL SECURITY"),
            QStringLiteral("CREATE POLICY desks_read ON desks FOR SELECT USING (true)"),
            QStringLiteral(
                "CREATE POLICY desks_insert ON desks FOR INSERT WITH CHECK (owner = current_user)"),
            QStringLiteral("CREATE POLICY desks_update ON desks FOR UPDATE USING (owner = current_user) "
                           "WITH CHECK (owner = current_user)"),
            QStringLiteral("ALTER TABLE cases ENABLE ROW LEVEL SECURITY"),
            QStringLiteral("ALTER TABLE case_events ENABLE ROW LEVEL SECURITY"),
            QStringLiteral("ALTER TABLE audit ENABLE ROW LEVEL SECURITY"),
            QStringLiteral("ALTER TABLE inspections ENABLE ROW LEVEL SECURITY"),
            QStringLiteral("ALTER TABLE event_attachments ENABLE ROW LEVEL SECURITY"),
            QStringLiteral("CREATE POLICY cases_read ON cases FOR SELECT USING (true)"),
            QStringLiteral("CREATE POLICY case_events_read ON case_events FOR SELECT USING (true)"),
            QStringLiteral("CREATE POLICY audit_read ON audit FOR SELECT USING (true)"),
            QStringLiteral("CREATE POLICY inspections_read ON inspections FOR SELECT USING (true)"),
            QStringLiteral(
                "CREATE POLICY event_attachments_read ON event_attachments FOR SELECT USING (true)"),
            QStringLiteral("CREATE POLICY cases_insert ON cases FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM "
                           "desks d WHERE d.id = desk_id AND d.owner = current_user))"),
            QStringLiteral("CREATE POLICY case_events_insert ON case_events FOR INSERT WITH CHECK (EXISTS "
                           "(SELECT 1 FROM desks d WHERE d.id = desk_id AND d.owner = current_user))"),
            QStringLiteral("CREATE POLICY audit_insert ON audit FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM "
                           "desks d WHERE d.id = desk_id AND d.owner = current_user))"),
            QStringLiteral("CREATE POLICY inspections_insert ON inspections FOR INSERT WITH CHECK (EXISTS "
                           "(SELECT 1 FROM desks d WHERE d.id = desk_id AND d.owner = current_user))"),
            QStringLiteral(
                "CREATE POLICY inspections_update ON inspections FOR UPDATE USING (EXISTS (SELECT 1 "
                "FROM desks d WHERE d.id = inspections.desk_id AND d.owner = current_user))"),
            QStringLiteral(
                "CREATE POLICY event_attachments_insert ON event_attachments FOR INSERT WITH CHECK "
                "(EXISTS (SELECT 1 FROM case_events e JOIN desks d ON d.id = e.desk_id "
                "WHERE e.id = event_id AND d.owner = current_user))"),
        },
        // 3 (issue 22 goal 4): a push's events signed once (office/EventBatch);
        // an event names its batch. No sequence: a desk role's grant on the
        // sequences of schema 2 does not cover a new one.
        {
            QStringLiteral("CREATE TABLE event_batches(id TEXT PRIMARY KEY, desk_id TEXT NOT NULL, "
                           "signer BYTEA NOT NULL, sig BYTEA NOT NULL, events BYTEA NOT NULL)"),
            QStringLiteral("ALTER TABLE case_events ADD COLUMN batch TEXT"),
            QStringLiteral("ALTER TABLE event_batches ENABLE ROW LEVEL SECURITY"),
            QStringLiteral("CREATE POLICY event_batches_read ON event_batches FOR SELECT USING (true)"),
            QStringLiteral(
                "CREATE POLICY event_batches_insert ON event_batches FOR INSERT WITH CHECK (EXISTS "
                "(SELECT 1 FROM desks d WHERE d.id = desk_id AND d.owner = current_user))"),
            // Every role that may write case events may write their batches
            // (packaging/office.md's grants, given before this schema).
            QStringLiteral(
                "DO $$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT grantee FROM "
                "information_schema.role_table_grants WHERE table_schema = current_schema() AND "
                "table_name = 'case_events' AND privilege_type = 'INSERT' AND grantee <> 'PUBLIC' AND "
                "grantee <> current_user LOOP EXECUTE format('GRANT SELECT, INSERT ON event_batches TO %I', "
                "r.grantee); END LOOP; END $$"),
        },
    };
}

} // namespace kp::officeschema
