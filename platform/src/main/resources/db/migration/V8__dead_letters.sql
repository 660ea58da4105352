-- Axon's JDBC dead-letter queue (DeadLetterSchema's default names, unquoted): events a projection
-- could not handle, kept in order within their sequence (the aggregate). Columns and types as Axon's
-- GenericDeadLetterTableFactory has them; payloads, metadata and tokens are JSON bytes in bytea, never
-- large objects, and times are ISO-8601 strings, as Axon writes them.
create table deadletterentry (
    deadletteridentifier varchar(255)  not null primary key,
    processinggroup      varchar(255)  not null,
    sequenceidentifier   varchar(255)  not null,
    sequenceindex        bigint        not null,
    messagetype          varchar(255)  not null,
    eventidentifier      varchar(255)  not null,
    timestamp            varchar(255)  not null,
    payloadtype          varchar(255)  not null,
    payloadrevision      varchar(255),
    payload              bytea         not null,
    metadata             bytea,
    type                 varchar(255),
    aggregateidentifier  varchar(255),
    sequencenumber       bigint,
    tokentype            varchar(255),
    token                bytea,
    enqueuedat           varchar(255)  not null,
    lasttouched          varchar(255),
    processingstarted    varchar(255),
    causetype            varchar(255),
    causemessage         varchar(1023),
    diagnostics          bytea,
    constraint deadletterentry_sequence unique (processinggroup, sequenceidentifier, sequenceindex)
);
-- The unique key's index, (processinggroup, sequenceidentifier, sequenceindex), serves every lookup the
-- queue makes: by group, by sequence, and a sequence's letters in order.
