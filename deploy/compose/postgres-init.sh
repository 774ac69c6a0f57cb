#!/bin/sh
# PostgreSQL's first start (docker-entrypoint-initdb.d): the database `inkwell`, the roles users,
# blog and comments and their schemas, by the same script `make up` runs (deploy/local).
# Passwords come from the environment (INKWELL_USERS_PW, INKWELL_BLOG_PW, INKWELL_COMMENTS_PW).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -f /inkwell/setup-database.sql
