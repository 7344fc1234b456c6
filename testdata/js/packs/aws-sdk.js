// AWS SDK v3: a service client per invocation rebuilds its HTTP agent and socket pool.
const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');

const ddb = new DynamoDBClient({});

exports.handler = async (event) => {
  // expect: client-per-request, client-never-closed
  const s3 = new S3Client({ region: 'eu-west-1' });
  const obj = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: event.key }));
  // Negative: the module-scope client.
  const item = await ddb.send(new GetItemCommand({ TableName: 't', Key: {} }));
  return { obj, item };
};

async function exportAll() {
  const client = new DynamoDBClient({});
  const out = await client.send(new GetItemCommand({ TableName: 't', Key: {} }));
  // expect: close-not-in-finally
  client.destroy();
  console.log(out);
}

module.exports.exportAll = exportAll;
