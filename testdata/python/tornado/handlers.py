import tornado.web
import motor.motor_tornado

# Module scope: once per process.
db = motor.motor_tornado.MotorClient().app


class MainHandler(tornado.web.RequestHandler):
    async def get(self):
        # expect: client-per-request, client-never-closed
        client = motor.motor_tornado.MotorClient()
        self.write(await client.app.items.find_one())

    async def post(self):
        self.write(await db.items.insert_one({}))


class Helper:
    def get(self):
        return motor.motor_tornado.MotorClient()
