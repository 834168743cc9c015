// Rassimctl drives rassim, the simulator of Windows' rasapi32.dll, from scripts: it makes
// connections come and go in the simulated RAS service while other programs (rasctl, the program
// under test) watch, list and hang them up. The demo (demo/story.sh) is written with it.
//
// Usage:
//
//	rassimctl reset [--xp|--win10]
//	rassimctl add [CONNECTION FLAGS]
//	rassimctl dial [CONNECTION FLAGS]
//	rassimctl state HANDLE STATE
//	rassimctl connect HANDLE
//	rassimctl drop HANDLE [ERROR]
//	rassimctl list
//	rassimctl open-handles
//	rassimctl hold
//	rassimctl stats HANDLE [--sub N] [--bytes-sent N] [--rate-bytes-sent N/s] ... [--duration DURATION]
//	rassimctl project HANDLE --type ppp|ikev2|none [--ipv4 ADDR] [--server ADDR]... [--auth NAME] ...
//	rassimctl entry NAME [--phonebook PATH] [--all-users] [--user U --password P --domain D] [--saved] [--script STEPS] ...
//	rassimctl entries
//	rassimctl reuse HANDLE
//	rassimctl gone-code CODE
//	rassimctl lie FUNC needed|count VALUE
//	rassimctl clear-faults
//	rassimctl notify-delay DURATION
//	rassimctl registration-per-call on|off
//
// add and dial print the new connection's handle. stats sets what RasGetConnectionStatistics
// (or, with --sub, RasGetLinkStatistics) reports for a connection from now on, counters growing at
// the rates given; project sets what RasGetProjectionInfoEx and RasGetProjectionInfoW report.
// entry adds a phone-book entry, which RasEnumEntries lists and RasDial dials through its script
// ("OpenPort,ConnectDevice:300ms,Authenticate:200ms:691": each state after its delay, the last
// failing the dial with 691), and entries prints them.
// "rassimctl --help" lists the connection, entry, stats and projection flags.
// The commands after hold make the simulator do what Windows may do and it does not by default:
// reuse a gone handle, answer 668 for one, lie about sizes and counts, signal late and
// coalesced (and registration-per-call off merges repeated registrations, which Windows does not
// promise either); reset undoes them all.
// The simulated service lasts only while a process has the simulator loaded: a script that makes
// connections for other programs to see runs "rassimctl hold" in the background first (or, as the
// demo does, starts the program that watches them first).
//
// Every process that loads the simulator under the same RASSIM_NAMESPACE environment variable
// shares one simulated RAS service, so run rassimctl with the namespace of the programs it drives,
// with the simulator's rasapi32.dll next to rassimctl.exe and WINEDLLOVERRIDES=rasapi32=n under
// Wine. It runs on Windows only (the simulator is a Windows DLL); elsewhere it says so.
package main
