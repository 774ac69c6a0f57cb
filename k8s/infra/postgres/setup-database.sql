-- Inkwell: the database, one login role and one schema per service. Idempotent: run on every
-- `make up` and by `make test`, as the superuser, connected to the database `postgres`.
-- Passwords come from the environment (psql's \getenv), never from the command line:
--   INKWELL_USERS_PW, INKWELL_BLOG_PW, INKWELL_COMMENTS_PW
\set ON_ERROR_STOP on
\getenv users_pw INKWELL_USERS_PW
\getenv blog_pw INKWELL_BLOG_PW
\getenv comments_pw INKWELL_COMMENTS_PW

SELECT 'CREATE DATABASE inkwell ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'inkwell') \gexec

SELECT format('CREATE ROLE %I LOGIN', r)
FROM unnest(ARRAY['users', 'blog', 'comments']) AS r
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) \gexec

-- (Re)set the passwords every time, so they follow secrets.env. Plain login roles, nothing more.
ALTER ROLE users    WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'users_pw';
ALTER ROLE blog     WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'blog_pw';
ALTER ROLE comments WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'comments_pw';

ALTER ROLE users    SET search_path = users;
ALTER ROLE blog     SET search_path = blog;
ALTER ROLE comments SET search_path = comments;

REVOKE ALL ON DATABASE inkwell FROM PUBLIC;
GRANT CONNECT ON DATABASE inkwell TO users, blog, comments;
-- The service roles have no business in the maintenance database either.
REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC;

\connect inkwell

CREATE SCHEMA IF NOT EXISTS users    AUTHORIZATION users;
CREATE SCHEMA IF NOT EXISTS blog     AUTHORIZATION blog;
CREATE SCHEMA IF NOT EXISTS comments AUTHORIZATION comments;
ALTER SCHEMA users    OWNER TO users;
ALTER SCHEMA blog     OWNER TO blog;
ALTER SCHEMA comments OWNER TO comments;

-- Nobody but the owner uses a schema; the public schema is closed.
REVOKE ALL ON SCHEMA users, blog, comments FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
