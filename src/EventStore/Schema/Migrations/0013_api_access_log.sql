-- The API access log of the privacy policy: time, route template, status, subject id, and the client's network
-- (IPv4 /24, IPv6 /48), never a full address. One partition per UTC day; retention drops whole partitions
-- (gempix.drop_access_log_partitions), never deletes rows.
CREATE TABLE gempix.api_access_log (
    at          timestamptz NOT NULL,
    method      text        NOT NULL,
    route       text        NOT NULL,
    status      integer     NOT NULL,
    subject_id  uuid,
    network     inet
) PARTITION BY RANGE (at);

GRANT SELECT, INSERT ON gempix.api_access_log TO gempix_app;

-- Creates the daily partitions from p_from for p_days days (those that exist are left alone). SECURITY DEFINER:
-- partitions need the table's owner; the application may only ask for whole days.
CREATE FUNCTION gempix.ensure_access_log_partitions(p_from date, p_days integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gempix AS $$
DECLARE
    v_day     date;
    v_created integer := 0;
BEGIN
    IF p_days NOT BETWEEN 1 AND 31 THEN
        RAISE EXCEPTION 'between 1 and 31 days at a time' USING ERRCODE = '22023';
    END IF;
    FOR i IN 0 .. p_days - 1 LOOP
        v_day := p_from + i;
        IF to_regclass(format('gempix.api_access_log_p%s', to_char(v_day, 'YYYYMMDD'))) IS NULL THEN
            EXECUTE format('CREATE TABLE gempix.%I PARTITION OF gempix.api_access_log FOR VALUES FROM (%L) TO (%L)',
                           'api_access_log_p' || to_char(v_day, 'YYYYMMDD'), to_char(v_day, 'YYYY-MM-DD') || ' 00:00:00+00', to_char(v_day + 1, 'YYYY-MM-DD') || ' 00:00:00+00');
            v_created := v_created + 1;
        END IF;
    END LOOP;
    RETURN v_created;
END
$$;

-- Drops every daily partition whose whole day ends at or before p_before; returns the days dropped (or, with
-- p_dry_run, the days that would be).
CREATE FUNCTION gempix.drop_access_log_partitions(p_before timestamptz, p_dry_run boolean) RETURNS SETOF date
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gempix AS $$
DECLARE
    v_name text;
    v_day  date;
BEGIN
    FOR v_name IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'gempix.api_access_log'::regclass ORDER BY c.relname
    LOOP
        v_day := to_date(substr(v_name, length('api_access_log_p') + 1), 'YYYYMMDD');
        IF (to_char(v_day + 1, 'YYYY-MM-DD') || ' 00:00:00+00')::timestamptz <= p_before THEN
            IF NOT p_dry_run THEN
                EXECUTE format('DROP TABLE gempix.%I', v_name);
            END IF;
            RETURN NEXT v_day;
        END IF;
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION gempix.ensure_access_log_partitions(date, integer), gempix.drop_access_log_partitions(timestamptz, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gempix.ensure_access_log_partitions(date, integer), gempix.drop_access_log_partitions(timestamptz, boolean) TO gempix_app;
