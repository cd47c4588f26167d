def log = new File(basedir, 'build.log').text
def expect = { String text, String why -> assert log.contains(text) : why + ': expected "' + text + '" in build.log' }

expect('Started the embedded PostgreSQL', 'no URL: the embedded server')
expect('Applied 2 migration(s)', 'migrate')
expect('now at version 2.', 'migrate')
expect('"app_history".lockstep_history', 'history-schema from lockstep.toml')
expect('Valid: 2 migrations checked', 'validate')
expect('0 errors, 0 warnings in 4 files', 'lint')
expect('Rolled back 1 migration(s)', 'rollback')
expect('now at version 1.', 'rollback')
assert log =~ /2\s+index accounts email\s+pending/ : 'status after the rollback'
expect('lock: SHARE UPDATE EXCLUSIVE on accounts', 'the dry run shows the lock')
expect('1 migration(s) would run; nothing was changed.', 'dry run')
expect('Stopped the embedded PostgreSQL.', 'embedded stop')
