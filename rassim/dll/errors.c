/* RasGetErrorString's messages: the texts raserror.h documents for RAS codes 600..805 (its
 * MessageText comments, as Windows' RAS returns them), 809 as Windows 10 shows it, and the Win32
 * codes a RAS caller meets. Any other code has no message: RasGetErrorString gives 87. */
#include "rassim.h"

static const struct {
    DWORD code;
    const WCHAR *text;
} messages[] = {
    {1, L"Incorrect function."},
    {5, L"Access is denied."},
    {6, L"The handle is invalid."},
    {8, L"Not enough memory resources are available to process this command."},
    {87, L"The parameter is incorrect."},
    {120, L"This function is not supported on this system."},
    {122, L"The data area passed to a system call is too small."},
    {259, L"No more data is available."},
    {600, L"An operation is pending."},
    {601, L"An invalid port handle was detected."},
    {602, L"The specified port is already open."},
    {603, L"The caller's buffer is too small."},
    {604, L"Incorrect information was specified."},
    {605, L"The port information cannot be set."},
    {606, L"The specified port is not connected."},
    {607, L"An invalid event was detected."},
    {608, L"A device was specified that does not exist."},
    {609, L"A device type was specified that does not exist."},
    {610, L"An invalid buffer was specified."},
    {611, L"A route was specified that is not available."},
    {612, L"A route was specified that is not allocated."},
    {613, L"An invalid compression was specified."},
    {614, L"There were insufficient buffers available."},
    {615, L"The specified port was not found."},
    {616, L"An asynchronous request is pending."},
    {617, L"The modem (or other connecting device) is already disconnecting."},
    {618, L"The specified port is not open."},
    {619,
     L"A connection to the remote computer could not be established, so the port used for this connection "
     L"was closed. For further assistance, click More Info or search Help and Support Center for this error "
     L"number."},
    {620, L"No endpoints could be determined."},
    {621, L"The system could not open the phone book file."},
    {622, L"The system could not load the phone book file."},
    {623, L"The system could not find the phone book entry for this connection."},
    {624, L"The system could not update the phone book file."},
    {625, L"The system found invalid information in the phone book file."},
    {626, L"A string could not be loaded."},
    {627, L"A key could not be found."},
    {628,
     L"The connection was terminated by the remote computer before it could be completed. For further "
     L"assistance, click More Info or search Help and Support Center for this error number."},
    {629, L"The connection was closed by the remote computer."},
    {630, L"The modem (or other connecting device) was disconnected due to hardware failure."},
    {631, L"The user disconnected the modem (or other connecting device)."},
    {632, L"An incorrect structure size was detected."},
    {633, L"The modem (or other connecting device) is already in use or is not configured properly."},
    {634, L"Your computer could not be registered on the remote network."},
    {635, L"There was an unknown error."},
    {636, L"The device attached to the port is not the one expected."},
    {637, L"A string was detected that could not be converted."},
    {638, L"The remote server is not responding in a timely fashion."},
    {639, L"No asynchronous net is available."},
    {640, L"An error has occurred involving NetBIOS."},
    {641, L"The server cannot allocate NetBIOS resources needed to support the client."},
    {642, L"One of your computer's NetBIOS names is already registered on the remote network."},
    {643, L"A network adapter at the server failed."},
    {644, L"You will not receive network message popups."},
    {645, L"There was an internal authentication error."},
    {646, L"The account is not permitted to log on at this time of day."},
    {647, L"The account is disabled."},
    {648, L"The password for this account has expired."},
    {649, L"The account does not have permission to dial in."},
    {650, L"The remote access server is not responding."},
    {651, L"The modem (or other connecting device) has reported an error."},
    {652, L"There was an unrecognized response from the modem (or other connecting device)."},
    {653, L"A macro required by the modem (or other connecting device) was not found in the device.INF file."},
    {654, L"A command or response in the device.INF file section refers to an undefined macro."},
    {655, L"The <message> macro was not found in the device.INF file section."},
    {656, L"The <defaultoff> macro in the device.INF file section contains an undefined macro."},
    {657, L"The device.INF file could not be opened."},
    {658, L"The device name in the device.INF or media.INI file is too long."},
    {659, L"The media.INI file refers to an unknown device name."},
    {660, L"The device.INF file contains no responses for the command."},
    {661, L"The device.INF file is missing a command."},
    {662, L"There was an attempt to set a macro not listed in device.INF file section."},
    {663, L"The media.INI file refers to an unknown device type."},
    {664, L"The system has run out of memory."},
    {665, L"The modem (or other connecting device) is not properly configured."},
    {666, L"The modem (or other connecting device) is not functioning."},
    {667, L"The system was unable to read the media.INI file."},
    {668, L"The connection was terminated."},
    {669, L"The usage parameter in the media.INI file is invalid."},
    {670, L"The system was unable to read the section name from the media.INI file."},
    {671, L"The system was unable to read the device type from the media.INI file."},
    {672, L"The system was unable to read the device name from the media.INI file."},
    {673, L"The system was unable to read the usage from the media.INI file."},
    {674, L"The system was unable to read the maximum connection BPS rate from the media.INI file."},
    {675, L"The system was unable to read the maximum carrier connection speed from the media.INI file."},
    {676, L"The phone line is busy."},
    {677, L"A person answered instead of a modem (or other connecting device)."},
    {678,
     L"The remote computer did not respond. For further assistance, click More Info or search Help and "
     L"Support Center for this error number."},
    {679, L"The system could not detect the carrier."},
    {680, L"There was no dial tone."},
    {681, L"The modem (or other connecting device) reported a general error."},
    {682, L"There was an error in writing the section name."},
    {683, L"There was an error in writing the device type."},
    {684, L"There was an error in writing the device name."},
    {685, L"There was an error in writing the maximum connection speed."},
    {686, L"There was an error in writing the maximum carrier speed."},
    {687, L"There was an error in writing the usage."},
    {688, L"There was an error in writing the default-off."},
    {689, L"There was an error in reading the default-off."},
    {690, L"ERROR_EMPTY_INI_FILE"},
    {691, L"Access was denied because the username and/or password was invalid on the domain."},
    {692, L"There was a hardware failure in the modem (or other connecting device)."},
    {693, L"ERROR_NOT_BINARY_MACRO"},
    {694, L"ERROR_DCB_NOT_FOUND"},
    {695, L"The state machines are not started."},
    {696, L"The state machines are already started."},
    {697, L"The response looping did not complete."},
    {698, L"A response keyname in the device.INF file is not in the expected format."},
    {699, L"The modem (or other connecting device) response caused a buffer overflow."},
    {700, L"The expanded command in the device.INF file is too long."},
    {701, L"The modem moved to a connection speed not supported by the COM driver."},
    {702, L"Device response received when none expected."},
    {703, L"The connection needs information from you, but the application does not allow user interaction."},
    {704, L"The callback number is invalid."},
    {705, L"The authorization state is invalid."},
    {706, L"ERROR_WRITING_INITBPS"},
    {707, L"There was an error related to the X.25 protocol."},
    {708, L"The account has expired."},
    {709,
     L"There was an error changing the password on the domain.  The password might have been too short or "
     L"might have matched a previously used password."},
    {710, L"Serial overrun errors were detected while communicating with the modem."},
    {711,
     L"A configuration error on this computer is preventing this connection. For further assistance, click "
     L"More Info or search Help and Support Center for this error number."},
    {712, L"The two-way port is initializing.  Wait a few seconds and redial."},
    {713, L"No active ISDN lines are available."},
    {714, L"No ISDN channels are available to make the call."},
    {715, L"Too many errors occurred because of poor phone line quality."},
    {716, L"The Remote Access Service IP configuration is unusable."},
    {717, L"No IP addresses are available in the static pool of Remote Access Service IP addresses."},
    {718,
     L"The connection was terminated because the remote computer did not respond in a timely manner. For "
     L"further assistance, click More Info or search Help and Support Center for this error number."},
    {719, L"The connection was terminated by the remote computer."},
    {720,
     L"A connection to the remote computer could not be established. You might need to change the network "
     L"settings for this connection. For further assistance, click More Info or search Help and Support "
     L"Center for this error number."},
    {721,
     L"The remote computer did not respond. For further assistance, click More Info or search Help and "
     L"Support Center for this error number."},
    {722, L"Invalid data was received from the remote computer. This data was ignored."},
    {723, L"The phone number, including prefix and suffix, is too long."},
    {724,
     L"The IPX protocol cannot dial out on the modem (or other connecting device) because this computer is "
     L"not configured for dialing out (it is an IPX router)."},
    {725,
     L"The IPX protocol cannot dial in on the modem (or other connecting device) because this computer is "
     L"not configured for dialing in (the IPX router is not installed)."},
    {726,
     L"The IPX protocol cannot be used for dialing out on more than one modem (or other connecting device) "
     L"at a time."},
    {727, L"Cannot access TCPCFG.DLL."},
    {728, L"The system cannot find an IP adapter."},
    {729, L"SLIP cannot be used unless the IP protocol is installed."},
    {730, L"Computer registration is not complete."},
    {731, L"The protocol is not configured."},
    {732, L"Your computer and the remote computer could not agree on PPP control protocols."},
    {733,
     L"A connection to the remote computer could not be completed. You might need to adjust the protocols "
     L"on this computer. For further assistance, click More Info or search Help and Support Center for this "
     L"error number."},
    {734, L"The PPP link control protocol was terminated."},
    {735, L"The requested address was rejected by the server."},
    {736, L"The remote computer terminated the control protocol."},
    {737, L"Loopback was detected."},
    {738, L"The server did not assign an address."},
    {739,
     L"The authentication protocol required by the remote server cannot use the stored password.  Redial, "
     L"entering the password explicitly."},
    {740, L"An invalid dialing rule was detected."},
    {741, L"The local computer does not support the required data encryption type."},
    {742, L"The remote computer does not support the required data encryption type."},
    {743, L"The remote computer requires data encryption."},
    {744,
     L"The system cannot use the IPX network number assigned by the remote computer.  Additional "
     L"information is provided in the event log."},
    {745, L"ERROR_INVALID_SMM"},
    {746, L"ERROR_SMM_UNINITIALIZED"},
    {747, L"ERROR_NO_MAC_FOR_PORT"},
    {748, L"ERROR_SMM_TIMEOUT"},
    {749, L"ERROR_BAD_PHONE_NUMBER"},
    {750, L"ERROR_WRONG_MODULE"},
    {751,
     L"The callback number contains an invalid character.  Only the following 18 characters are allowed:  0 "
     L"to 9, T, P, W, (, ), -, @, and space."},
    {752, L"A syntax error was encountered while processing a script."},
    {753, L"The connection could not be disconnected because it was created by the multi-protocol router."},
    {754, L"The system could not find the multi-link bundle."},
    {755, L"The system cannot perform automated dial because this connection  has a custom dialer specified."},
    {756, L"This connection is already being dialed."},
    {757,
     L"Remote Access Services could not be started automatically. Additional information is provided in the "
     L"event log."},
    {758, L"Internet Connection Sharing is already enabled on the connection."},
    {759, L"An error occurred while the existing Internet Connection Sharing settings were being changed."},
    {760, L"An error occurred while routing capabilities were being enabled."},
    {761, L"An error occurred while Internet Connection Sharing was being enabled for the connection."},
    {762, L"An error occurred while the local network was being configured for sharing."},
    {763,
     L"Internet Connection Sharing cannot be enabled.  There is more than one LAN connection other than the "
     L"connection to be shared."},
    {764, L"No smart card reader is installed."},
    {765,
     L"Internet Connection Sharing cannot be enabled.  A LAN connection is already configured with the IP "
     L"address that is required for automatic IP addressing."},
    {766,
     L"A certificate could not be found. Connections that use the L2TP protocol over IPSec require the "
     L"installation of a machine certificate, also known as a computer certificate."},
    {767,
     L"Internet Connection Sharing cannot be enabled. The LAN connection selected as the private network "
     L"has more than one IP address configured.  Please reconfigure the LAN connection with a single IP "
     L"address before enabling Internet Connection Sharing."},
    {768, L"The connection attempt failed because of failure to encrypt data."},
    {769, L"The specified destination is not reachable."},
    {770, L"The remote computer rejected the connection attempt."},
    {771, L"The connection attempt failed because the network is busy."},
    {772, L"The remote computer's network hardware is incompatible with the type of call requested."},
    {773, L"The connection attempt failed because the destination number has changed."},
    {774, L"The connection attempt failed because of a temporary failure.  Try connecting again."},
    {775, L"The call was blocked by the remote computer."},
    {776, L"The call could not be connected because the remote computer has invoked the Do Not Disturb feature."},
    {777,
     L"The connection attempt failed because the modem (or other connecting device) on the remote computer "
     L"is out of order."},
    {778, L"It was not possible to verify the identity of the server."},
    {779, L"To dial out using this connection you must use a smart card."},
    {780, L"An attempted function is not valid for this connection."},
    {781,
     L"The connection requires a certificate, and no valid certificate was found. For further assistance, "
     L"click More Info or search Help and Support Center for this error number."},
    {782,
     L"Internet Connection Sharing (ICS) and Internet Connection Firewall (ICF) cannot be enabled because "
     L"Routing and Remote Access has been enabled on this computer. To enable ICS or ICF, first disable "
     L"Routing and Remote Access. For more information about Routing and Remote Access, ICS, or ICF, see "
     L"Help and Support."},
    {783,
     L"Internet Connection Sharing cannot be enabled. The LAN connection selected as the private network is "
     L"either not present, or is disconnected from the network. Please ensure that the LAN adapter is "
     L"connected before enabling Internet Connection Sharing."},
    {784,
     L"You cannot dial using this connection at logon time, because it is configured to use a user name "
     L"different than the one on the smart card. If you want to use it at logon time, you must configure it "
     L"to use the user name on the smart card."},
    {785,
     L"You cannot dial using this connection at logon time, because it is not configured to use a smart "
     L"card. If you want to use it at logon time, you must edit the properties of this connection so that "
     L"it uses a smart card."},
    {786,
     L"The L2TP connection attempt failed because there is no valid machine certificate on your computer "
     L"for security authentication."},
    {787, L"The L2TP connection attempt failed because the security layer could not authenticate the remote computer."},
    {788,
     L"The L2TP connection attempt failed because the security layer could not negotiate compatible "
     L"parameters with the remote computer."},
    {789,
     L"The L2TP connection attempt failed because the security layer encountered a processing error during "
     L"initial negotiations with the remote computer."},
    {790, L"The L2TP connection attempt failed because certificate validation on the remote computer failed."},
    {791, L"The L2TP connection attempt failed because security policy for the connection was not found."},
    {792, L"The L2TP connection attempt failed because security negotiation timed out."},
    {793, L"The L2TP connection attempt failed because an error occurred while negotiating security."},
    {794, L"The Framed Protocol RADIUS attribute for this user is not PPP."},
    {795, L"The Tunnel Type RADIUS attribute for this user is not correct."},
    {796, L"The Service Type RADIUS attribute for this user is neither Framed nor Callback Framed."},
    {797,
     L"A connection to the remote computer could not be established because the modem was not found or was "
     L"busy. For further assistance, click More Info or search Help and Support Center for this error "
     L"number."},
    {798, L"A certificate could not be found that can be used with this Extensible Authentication Protocol."},
    {799,
     L"Internet Connection Sharing (ICS) cannot be enabled due to an IP address conflict on the network. "
     L"ICS requires the host be configured to use 192.168.0.1. Please ensure that no other client on the "
     L"network is configured to use 192.168.0.1."},
    {800,
     L"Unable to establish the VPN connection.  The VPN server may be unreachable, or security parameters "
     L"may not be configured properly for this connection."},
    {801,
     L"This connection is configured to validate the identity of the access server, but Windows cannot "
     L"verify the digital certificate sent by the server."},
    {802, L"The card supplied was not recognized. Please check that the card is inserted correctly, and fits tightly."},
    {803, L"The PEAP configuration stored in the session cookie does not match the current session configuration."},
    {804, L"The PEAP identity stored in the session cookie does not match the current identity."},
    {805,
     L"You cannot dial using this connection at logon time, because it is configured to use logged on "
     L"user's credentials.  If you want to use it at logon time, you must edit the properties of this "
     L"connection and reconfigure it to not use Windows logon name and password ( and domain if any )."},
    {809,
     L"The network connection between your computer and the VPN server could not be established because the "
     L"remote server is not responding. This could be because one of the network devices (e.g. firewalls, "
     L"NAT, routers, etc.) between your computer and the remote server is not configured to allow VPN "
     L"connections. Please contact your Administrator or your service provider to determine which device "
     L"may be causing the problem."},
    {1460, L"This operation returned because the timeout period expired."},
};

const WCHAR *sim_error_text(DWORD code)
{
    size_t lo = 0, hi = ARRAYSIZE(messages);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (messages[mid].code == code)
            return messages[mid].text;
        if (messages[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
