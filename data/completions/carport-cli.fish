# fish completion for carport-cli. The commands are listed here
# (tests/cli/check-completions.py holds them to `carport-cli --list-commands`);
# each command's options come from `carport-cli COMMAND --list-options`.

set -l commands login logout vehicles status refresh climate charge horn lights locate lock unlock engine srp device history http

function __carport_cli_options
    set -l words (commandline -opc)
    for word in $words[2..-1]
        if not string match -q -- '-*' $word
            $words[1] $word --list-options 2>/dev/null | string replace -- '--' ''
            return
        end
    end
end

complete -c carport-cli -f
complete -c carport-cli -l json -d 'Print JSON'
complete -c carport-cli -l demo -d 'Use the built-in simulator with demo cars'
complete -c carport-cli -l debug -d 'Print the HTTP exchange, secrets hidden'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'

complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a login -d 'Log in'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a logout -d 'Forget the logins'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a vehicles -d 'List the vehicles'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a status -d 'Show the state of a vehicle'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a refresh -d 'Refresh and show'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a climate -d 'Climate control and its programmes'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a charge -d 'Charging, its mode, limits and programmes'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a horn -d 'Sound the horn'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a lights -d 'Flash the lights'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a locate -d 'Ask the car for its position'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a lock -d 'Lock the car (experimental)'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a unlock -d 'Unlock the car (experimental)'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a engine -d 'Start or stop the engine remotely (experimental)'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a srp -d 'Set the PIN of remote lock (experimental)'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a device -d 'Unregister this computer from remote lock (experimental)'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a history -d 'Charging sessions, climate use, readings'
complete -c carport-cli -n "not __fish_seen_subcommand_from $commands" -a http -d 'A request of your own, secrets hidden'

complete -c carport-cli -n "__fish_seen_subcommand_from $commands; and string match -q -- '-*' (commandline -ct)" -a "--(__carport_cli_options)"
complete -c carport-cli -n "__fish_seen_subcommand_from climate; and not __fish_seen_subcommand_from start stop schedule" -a "start stop schedule"
complete -c carport-cli -n "__fish_seen_subcommand_from charge; and not __fish_seen_subcommand_from start stop mode limits schedule" -a "start stop mode limits schedule"
complete -c carport-cli -n "__fish_seen_subcommand_from mode" -a "always scheduled"
complete -c carport-cli -n "__fish_seen_subcommand_from schedule; and not __fish_seen_subcommand_from set enable disable delete" -a "set enable disable delete"
complete -c carport-cli -n "__fish_seen_subcommand_from history; and not __fish_seen_subcommand_from charges climate readings" -a "charges climate readings"
complete -c carport-cli -n "__fish_seen_subcommand_from srp; and not __fish_seen_subcommand_from enrol forget" -a "enrol forget"
complete -c carport-cli -n "__fish_seen_subcommand_from device; and not __fish_seen_subcommand_from forget" -a "forget"
complete -c carport-cli -n "__fish_seen_subcommand_from engine; and not __fish_seen_subcommand_from start stop" -a "start stop"
complete -c carport-cli -n "__fish_seen_subcommand_from http; and not __fish_seen_subcommand_from get post" -a "get post"
complete -c carport-cli -l brand -x -a "renault dacia alpine nissan"
