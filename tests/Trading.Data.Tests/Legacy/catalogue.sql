-- The schema of the current database as sorted lines: what the layout tests compare between two databases. Object
-- bodies are compared by hash (a view's or function's text), privileges as sorted (grantee, privilege) pairs, and the
-- migrators' own history tables are left out.
WITH rel AS (
    SELECT c.oid, c.relname, c.relkind, c.relacl, c.relowner, c.reloptions, c.relrowsecurity, c.relforcerowsecurity
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT IN ('schema_migrations', 'schema_repeatables')
      AND c.relname NOT LIKE 'schema\_migrations\_%' AND c.relname NOT LIKE 'schema\_repeatables\_%'
), acl AS (
    SELECT r.relname, string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END || ':' || a.privilege_type, ',' ORDER BY CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END || ':' || a.privilege_type) AS grants
    FROM rel r, aclexplode(coalesce(r.relacl, acldefault('r', r.relowner))) a
    WHERE a.grantee <> r.relowner
    GROUP BY r.relname
), col_acl AS (
    SELECT r.relname, att.attname, string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END || ':' || a.privilege_type, ',' ORDER BY CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END || ':' || a.privilege_type) AS grants
    FROM rel r JOIN pg_attribute att ON att.attrelid = r.oid AND att.attacl IS NOT NULL, aclexplode(att.attacl) a
    GROUP BY r.relname, att.attname
), fn AS (
    SELECT p.oid, p.proname, p.oid::regprocedure::text AS sig, p.prokind, p.prosecdef, p.proconfig, p.provolatile,
           p.proparallel, p.prorettype::regtype::text AS rettype, p.proretset, p.prolang, p.prosrc, p.proacl, p.proowner,
           pg_get_function_arguments(p.oid) AS args
    FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace
)
SELECT line FROM (
    SELECT format('relation %s kind=%s options=%s rls=%s/%s grants=%s', r.relname, r.relkind, r.reloptions, r.relrowsecurity,
                  r.relforcerowsecurity, coalesce(a.grants, '')) AS line
    FROM rel r LEFT JOIN acl a USING (relname)
    WHERE r.relkind IN ('r', 'v', 'm', 'p', 'S')
    UNION ALL
    SELECT format('column %s.%s %s notnull=%s default=%s identity=%s generated=%s grants=%s comment=%s', r.relname, att.attname,
                  format_type(att.atttypid, att.atttypmod), att.attnotnull, pg_get_expr(d.adbin, d.adrelid), att.attidentity,
                  att.attgenerated, coalesce(ca.grants, ''), col_description(r.oid, att.attnum))
    FROM rel r
    JOIN pg_attribute att ON att.attrelid = r.oid AND att.attnum > 0 AND NOT att.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = r.oid AND d.adnum = att.attnum
    LEFT JOIN col_acl ca ON ca.relname = r.relname AND ca.attname = att.attname
    WHERE r.relkind IN ('r', 'v', 'm', 'p')
    UNION ALL
    -- a view's columns in order (a renamed or moved column changes what SELECT * and the EF model read)
    SELECT format('view %s columns=%s', r.relname, string_agg(att.attname, ',' ORDER BY att.attnum))
    FROM rel r JOIN pg_attribute att ON att.attrelid = r.oid AND att.attnum > 0
    WHERE r.relkind = 'v'
    GROUP BY r.relname
    UNION ALL
    SELECT format('view %s definition=%s comment=%s', r.relname, md5(pg_get_viewdef(r.oid)), obj_description(r.oid, 'pg_class'))
    FROM rel r WHERE r.relkind = 'v'
    UNION ALL
    SELECT format('table %s comment=%s', r.relname, obj_description(r.oid, 'pg_class'))
    FROM rel r WHERE r.relkind IN ('r', 'p')
    UNION ALL
    SELECT format('constraint %s.%s %s comment=%s', r.relname, con.conname, pg_get_constraintdef(con.oid), obj_description(con.oid, 'pg_constraint'))
    FROM pg_constraint con JOIN rel r ON r.oid = con.conrelid
    UNION ALL
    SELECT format('index %s', pg_get_indexdef(i.indexrelid))
    FROM pg_index i JOIN rel r ON r.oid = i.indrelid
    UNION ALL
    SELECT format('trigger %s', pg_get_triggerdef(t.oid))
    FROM pg_trigger t JOIN rel r ON r.oid = t.tgrelid
    WHERE NOT t.tgisinternal
    UNION ALL
    SELECT format('policy %s.%s cmd=%s permissive=%s roles=%s using=%s check=%s', p.tablename, p.policyname, p.cmd, p.permissive,
                  p.roles, p.qual, p.with_check)
    FROM pg_policies p WHERE p.schemaname = 'public'
    UNION ALL
    SELECT format('function %s(%s) kind=%s returns=%s%s security_definer=%s config=%s volatile=%s parallel=%s lang=%s grants=%s comment=%s',
                  f.proname, f.args, f.prokind, CASE WHEN f.proretset THEN 'setof ' ELSE '' END, f.rettype, f.prosecdef, f.proconfig,
                  f.provolatile, f.proparallel, (SELECT lanname FROM pg_language l WHERE l.oid = f.prolang),
                  (SELECT string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END || ':' || a.privilege_type, ',' ORDER BY CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END || ':' || a.privilege_type)
                   FROM aclexplode(coalesce(f.proacl, acldefault('f', f.proowner))) a WHERE a.grantee <> f.proowner),
                  obj_description(f.oid, 'pg_proc'))
    FROM fn f
    UNION ALL
    SELECT format('function %s body=%s', f.sig, md5(f.prosrc)) FROM fn f
    UNION ALL
    SELECT format('type %s %s', t.typname, (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
    FROM pg_type t
    WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c')
      AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
    UNION ALL
    SELECT format('default privileges %s %s', d.defaclobjtype, (SELECT string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END || ':' || a.privilege_type, ',' ORDER BY CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END || ':' || a.privilege_type) FROM aclexplode(d.defaclacl) a))
    FROM pg_default_acl d WHERE d.defaclnamespace = 'public'::regnamespace
    UNION ALL
    SELECT format('extension %s', e.extname) FROM pg_extension e
) lines
ORDER BY line;
