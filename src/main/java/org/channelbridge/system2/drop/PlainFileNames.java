package org.channelbridge.system2.drop;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inbox consumers' filter ({@code filter: "#plainFileNames"}): a file whose name holds a backslash or a
 * control character is never taken. Camel reads a backslash as a folder separator, so {@code a\..\..\x.csv}
 * would be looked for outside the inbox; a control character would forge log lines. Such a file is left where it
 * is, told once in the log.
 */
public final class PlainFileNames implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(PlainFileNames.class);

    private final Set<String> told = ConcurrentHashMap.newKeySet();

    @Override
    public boolean accept(GenericFile<File> file) {
        String name = file.getFile().getName();
        if (plain(name)) {
            return true;
        }
        String shown = name.replaceAll("[\\p{Cntrl}]", "?");
        if (told.add(name)) {
            LOG.warn("{}: not read, the file name holds a path or control characters; rename it plainly "
                    + "(letters, digits, - _ .)", shown);
        }
        return false;
    }

    static boolean plain(String name) {
        return name.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f || ch == '\\');
    }
}
