package com.subscriptiondevices.command.hub.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a callback's host name into addresses: the system's resolver, unless a test puts another in. */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    static HostResolver system() {
        return InetAddress::getAllByName;
    }
}
