def log = new File(basedir, 'build.log').text
def expect = { String text, String why -> assert log.contains(text) : why + ': expected "' + text + '" in build.log' }

expect('lock-timeout', 'the setting is named')
expect('soon', 'the value is named')
expect('hint: ', 'what to do next')
expect("(from <lock-timeout> in the plugin's <settings>)", 'where the value came from')
expect('write e.g. <lock-timeout>', 'an example written as the value was')
expect('CONFIG, exit code 2', 'the error code')
assert !new File(basedir, '.lockstep').exists() : 'nothing started, nothing applied'
