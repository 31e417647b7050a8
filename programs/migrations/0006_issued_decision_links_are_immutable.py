"""§14: once a protocol is issued, nothing may be added to it and the pairs and
reports its decisions concern may not change — also at the database level."""

from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION programs_refuse_frozen_decision_link() RETURNS trigger AS $$
DECLARE
    target integer;
BEGIN
    IF TG_OP = 'DELETE' THEN target := OLD.decision_id; ELSE target := NEW.decision_id; END IF;
    IF EXISTS (SELECT 1 FROM programs_decision WHERE id = target AND frozen) THEN
        RAISE EXCEPTION 'the decision belongs to an issued protocol and cannot be changed';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.decision_id <> NEW.decision_id AND EXISTS (
        SELECT 1 FROM programs_decision WHERE id = OLD.decision_id AND frozen) THEN
        RAISE EXCEPTION 'the decision belongs to an issued protocol and cannot be changed';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER decision_pairs_frozen BEFORE INSERT OR UPDATE OR DELETE
    ON programs_decision_pairs FOR EACH ROW EXECUTE FUNCTION programs_refuse_frozen_decision_link();
CREATE TRIGGER decision_reports_frozen BEFORE INSERT OR UPDATE OR DELETE
    ON programs_decision_reports FOR EACH ROW EXECUTE FUNCTION programs_refuse_frozen_decision_link();

CREATE OR REPLACE FUNCTION programs_refuse_decision_on_issued_protocol() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM programs_protocol WHERE id = NEW.protocol_id
               AND status = 'issued') THEN
        RAISE EXCEPTION 'an issued protocol cannot receive a new decision';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER decision_not_on_issued_protocol BEFORE INSERT ON programs_decision
    FOR EACH ROW EXECUTE FUNCTION programs_refuse_decision_on_issued_protocol();
"""

REVERSE = """
DROP TRIGGER IF EXISTS decision_pairs_frozen ON programs_decision_pairs;
DROP TRIGGER IF EXISTS decision_reports_frozen ON programs_decision_reports;
DROP TRIGGER IF EXISTS decision_not_on_issued_protocol ON programs_decision;
DROP FUNCTION IF EXISTS programs_refuse_frozen_decision_link();
DROP FUNCTION IF EXISTS programs_refuse_decision_on_issued_protocol();
"""


class Migration(migrations.Migration):
    dependencies = [("programs", "0005_petition_closed")]
    operations = [migrations.RunSQL(SQL, REVERSE)]
