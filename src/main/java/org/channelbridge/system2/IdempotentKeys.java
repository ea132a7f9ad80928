package org.channelbridge.system2;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

import javax.sql.DataSource;

/**
 * The idempotent-consumer repositories of the flows: Camel's JDBC repository on the System2 database, in the table
 * the migrations create with its unique key (processor name, message id, profile). Keys are expired by housekeeping.
 * A repository of {@link #forProfile one profile} ({@link #repositoryOf}) holds that profile's keys only; {@link #repository} names no
 * profile and so writes the table's default (the first configured profile when the schema was migrated).
 */
public final class IdempotentKeys {

    public static final String TABLE = "camel_messageprocessed";

    private final long profileId;

    private IdempotentKeys(long profileId) {
        this.profileId = profileId;
    }

    public static JdbcMessageIdRepository repository(DataSource dataSource, String flow) {
        JdbcMessageIdRepository repository = new MigratedKeysRepository(dataSource, flow);
        repository.setTableName(TABLE);
        return repository;
    }

    /** The keys of one ChannelAdvisor profile: the same message id in another profile is another key. */
    public static IdempotentKeys forProfile(long profileId) {
        return new IdempotentKeys(profileId);
    }

    public long profileId() {
        return profileId;
    }

    /** The flow's repository in this profile (the profile id is a number, written into Camel's statements). */
    public JdbcMessageIdRepository repositoryOf(DataSource dataSource, String flow) {
        // no table name: with one, Camel rewrites every statement from its own defaults when it starts
        JdbcMessageIdRepository repository = new MigratedKeysRepository(dataSource, flow);
        repository.setTableExistsString("select 1 from " + TABLE + " where 1 = 0");
        String inProfile = " where profile_id = " + profileId + " and processorname = ?";
        repository.setQueryString("select count(*) from " + TABLE + inProfile + " and messageid = ?");
        repository.setInsertString("insert into " + TABLE + " (profile_id, processorname, messageid, createdat)"
                + " values (" + profileId + ", ?, ?, ?)");
        repository.setDeleteString("delete from " + TABLE + inProfile + " and messageid = ?");
        repository.setClearString("delete from " + TABLE + inProfile);
        return repository;
    }
}
