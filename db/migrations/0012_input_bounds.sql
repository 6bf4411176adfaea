-- 0012: input bounds: no NaN or ±Infinity in any numeric column, stated maxima for prices, quantities and money, no quote from the future, no silently ignored order field, and views that survive a zero capital.
--
-- Each of these let one row stop the venue for everyone (issue 18): Npgsql cannot read NaN into a decimal, a quote of
-- 9.99e17 overflows numeric(28,10) once multiplied by a quantity, a quote dated next year became every view's mark, a
-- limit price on a market order was silently dropped, and a withdrawal of all capital divided the overview by zero.
--
-- Existing rows: a new constraint that an existing row breaks stops this migration with that row in the message
-- (add_check_constraints below). Nothing is deleted or rewritten here: the operator decides what the row should be.

-- ---------------------------------------------------------------------------------------------------------------
-- Adding checks to tables that may already hold rows. One ALTER TABLE per table, so a large table (market_prices) is
-- scanned once for all its new checks. Not NOT VALID + VALIDATE: inside the migration's single transaction the ADD
-- already holds the ACCESS EXCLUSIVE lock until commit, so the split would buy no concurrency, only a second statement.
-- ---------------------------------------------------------------------------------------------------------------
CREATE PROCEDURE add_check_constraints(p_table regclass, p_names text[], p_checks text[])
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    i         integer;
    offending text;
BEGIN
    EXECUTE format('ALTER TABLE %s ', p_table)
         || (SELECT string_agg(format('ADD CONSTRAINT %I CHECK (%s)', n, c), ', ' ORDER BY o)
             FROM unnest(p_names, p_checks) WITH ORDINALITY AS x(n, c, o));
EXCEPTION WHEN check_violation THEN
    FOR i IN 1 .. cardinality(p_checks) LOOP
        EXECUTE format('SELECT t::text FROM %s AS t WHERE NOT (%s) LIMIT 1', p_table, p_checks[i]) INTO offending;
        IF offending IS NOT NULL THEN
            RAISE EXCEPTION 'cannot add constraint % to %: the existing row % breaks CHECK (%)',
                            p_names[i], p_table, offending, p_checks[i]
                USING ERRCODE = 'check_violation', CONSTRAINT = p_names[i],
                      HINT = format('SELECT * FROM %s WHERE NOT (%s) lists every such row; correct or remove them, then '
                                    'migrate again (the migration never changes data itself).', p_table, p_checks[i]);
        END IF;
    END LOOP;
    RAISE;
END;
$$;

REVOKE EXECUTE ON PROCEDURE add_check_constraints(regclass, text[], text[]) FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- Item 2: every numeric column of every table refuses NaN and ±Infinity. PostgreSQL orders NaN above every number,
-- so `x >= 0` admits it. The columns are read from the catalogue, so none is missed; a column whose own checks already
-- refuse all three values (e.g. `price > 0 AND price < 'Infinity'`) gets no second one (which would also take over the
-- error: checks run in name order). Generated columns are left out: they are computed from checked columns.
-- SchemaFiniteTests holds every later migration to the same rule: a new numeric column without such a check fails it.
-- ---------------------------------------------------------------------------------------------------------------
DO $finite$
DECLARE
    tab      record;
    col      record;
    names    text[];
    checks   text[];
    refused  boolean;
BEGIN
    FOR tab IN
        SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY c.relname
    LOOP
        names := '{}';
        checks := '{}';
        FOR col IN
            SELECT a.attnum, a.attname FROM pg_attribute a
            WHERE a.attrelid = tab.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
              AND a.atttypid = 'numeric'::regtype
            ORDER BY a.attnum
        LOOP
            -- Covered already when, for each of the three values, one of the column's own checks comes out false.
            refused := true;
            FOR i IN 1 .. 3 LOOP
                DECLARE
                    value   text := (ARRAY['NaN', 'Infinity', '-Infinity'])[i];
                    con     record;
                    outcome boolean;
                    hit     boolean := false;
                BEGIN
                    FOR con IN
                        SELECT pg_get_expr(k.conbin, k.conrelid) AS expr FROM pg_constraint k
                        WHERE k.conrelid = tab.oid AND k.contype = 'c' AND k.conkey = ARRAY[col.attnum]
                    LOOP
                        EXECUTE format('SELECT %s FROM (SELECT $1::numeric AS %I) AS probe', con.expr, col.attname)
                            USING value INTO outcome;
                        hit := hit OR outcome IS FALSE;
                    END LOOP;
                    refused := refused AND hit;
                END;
            END LOOP;
            IF NOT refused THEN
                names := names || format('%s_%s_finite', tab.relname, col.attname);
                checks := checks || format('%1$I > ''-Infinity'' AND %1$I < ''Infinity''', col.attname);
            END IF;
        END LOOP;
        IF cardinality(names) > 0 THEN
            CALL add_check_constraints(tab.oid::regclass, names, checks);
        END IF;
    END LOOP;
END
$finite$;
