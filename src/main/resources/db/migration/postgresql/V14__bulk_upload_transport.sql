-- products.bulk.transport: how a file went (ftp or product-upload) and ProductUpload's token to follow it by
alter table bulk_uploads add column transport varchar(20);
alter table bulk_uploads add column upload_token varchar(200);
